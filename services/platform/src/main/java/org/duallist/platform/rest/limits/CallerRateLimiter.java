package org.duallist.platform.rest.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * A token bucket per caller (Bucket4j): {@code burst} requests at once, refilled at
 * {@code requests-per-second}. The buckets live in a bounded Caffeine cache, so a flood of new
 * client addresses cannot grow memory without end; a bucket dropped after its caller went quiet
 * would have been full again anyway.
 */
@ApplicationScoped
public class CallerRateLimiter {

    private final boolean enabled;
    private final Bandwidth bandwidth;
    private final Cache<String, Bucket> buckets;

    @Inject
    CallerRateLimiter(LimitsConfig config) {
        this(config.rate().enabled(), config.rate().requestsPerSecond(), config.rate().burst(), config.rate().trackedCallers());
    }

    public CallerRateLimiter(boolean enabled, long requestsPerSecond, long burst, long trackedCallers) {
        if (enabled && (requestsPerSecond < 1 || burst < 1)) {
            throw new IllegalArgumentException("dual-list.limits.rate: requests-per-second and burst must be at least 1");
        }
        this.enabled = enabled;
        this.bandwidth = Bandwidth.builder().capacity(Math.max(burst, 1))
                .refillGreedy(Math.max(requestsPerSecond, 1), Duration.ofSeconds(1)).build();
        // a full bucket refills in burst / rate seconds; a caller quiet for longer loses nothing when its bucket goes
        Duration refillTime = Duration.ofMillis(Math.max(1000, 1000 * Math.max(burst, 1) / Math.max(requestsPerSecond, 1)));
        this.buckets = Caffeine.newBuilder()
                .maximumSize(trackedCallers)
                .expireAfterAccess(refillTime.plusSeconds(1))
                .build();
    }

    /** Takes one request from the caller's bucket: empty when it may go ahead, else how long until it may. */
    public Optional<Duration> acquire(String caller) {
        if (!enabled) {
            return Optional.empty();
        }
        Bucket bucket = buckets.get(caller, key -> Bucket.builder().addLimit(bandwidth).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** The limit in words, for the 429 answer: {@code 1000 requests per second (2000 at once)}. */
    public String describe() {
        return bandwidth.getRefillTokens() + " requests per second (" + bandwidth.getCapacity() + " at once)";
    }

    public boolean enabled() {
        return enabled;
    }
}
