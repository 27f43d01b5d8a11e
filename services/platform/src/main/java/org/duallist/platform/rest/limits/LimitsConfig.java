package org.duallist.platform.rest.limits;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * How much one request may carry and how often one caller may call ({@code dual-list.limits.*}).
 * The defaults guard a service against a runaway client on the intranet, not against the suite's
 * own bulk tools (the list import, the demo loader, benchmarks from a few principals).
 */
@ConfigMapping(prefix = "dual-list.limits")
public interface LimitsConfig {

    /** The largest request body, JSON commands and anything else not listed in {@link #uploadPaths()}. */
    @WithDefault("1M")
    @WithConverter(MemorySizeConverter.class)
    MemorySize maxBodySize();

    /** The largest body of a request to one of {@link #uploadPaths()} (an .xlsx of a year's list). */
    @WithDefault("16M")
    @WithConverter(MemorySizeConverter.class)
    MemorySize uploadMaxBodySize();

    /** Request paths that take files, held to {@link #uploadMaxBodySize()}; exact paths such as {@code /api/lists/import}. */
    Optional<List<String>> uploadPaths();

    Rate rate();

    /** A token bucket per caller: the JWT subject when the request carries a valid token, else the client address. */
    interface Rate {

        /** Off: nobody is ever answered 429. */
        @WithDefault("true")
        boolean enabled();

        /** Requests per second a caller may keep up. */
        @WithDefault("1000")
        long requestsPerSecond();

        /** Requests a caller may send at once after a quiet spell (the bucket's size). */
        @WithDefault("2000")
        long burst();

        /** How many callers' buckets are kept; the least recently seen go first (and start full when they return). */
        @WithDefault("100000")
        long trackedCallers();
    }
}
