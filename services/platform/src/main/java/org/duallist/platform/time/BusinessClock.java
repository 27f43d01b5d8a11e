package org.duallist.platform.time;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.GenericEventMessage;
import org.duallist.contracts.BusinessTime;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Business time: deadlines are dates in Asia/Shanghai, whatever zone the server runs in. Every
 * service reads "now" and "today" here and nowhere else, so that the demo loader and tests can
 * move time (only where {@code dual-list.clock.adjustable} is on, as in the local stack).
 */
@ApplicationScoped
public class BusinessClock {

    public static final ZoneId ZONE = BusinessTime.ZONE;

    private final boolean adjustable;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.system(zone);
        }

        @Override
        public Instant instant() {
            return now();
        }
    };

    public BusinessClock(@ConfigProperty(name = "dual-list.clock.adjustable", defaultValue = "false") boolean adjustable) {
        this.adjustable = adjustable;
        // Axon stamps every event message with this clock: event times follow business time too.
        GenericEventMessage.clock = clock;
    }

    public Instant now() {
        return Instant.now().plus(offset.get());
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now(), ZONE);
    }

    public boolean isAdjustable() {
        return adjustable;
    }

    /** Moves business time so that it reads {@code instant} now and runs on from there. */
    public void moveTo(Instant instant) {
        requireAdjustable();
        offset.set(Duration.between(Instant.now(), instant));
    }

    public void reset() {
        requireAdjustable();
        offset.set(Duration.ZERO);
    }

    public Duration offset() {
        return offset.get();
    }

    private void requireAdjustable() {
        if (!adjustable) {
            throw new IllegalStateException("the business clock is fixed to real time here");
        }
    }
}
