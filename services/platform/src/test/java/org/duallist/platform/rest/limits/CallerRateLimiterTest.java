package org.duallist.platform.rest.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallerRateLimiterTest {

    @Test
    void aCallerMaySendItsBurstAtOnceThenWaitsForTheRefill() throws Exception {
        CallerRateLimiter limiter = new CallerRateLimiter(true, 20, 2, 100);
        assertThat(limiter.acquire("subject:a")).isEmpty();
        assertThat(limiter.acquire("subject:a")).isEmpty();

        Optional<Duration> wait = limiter.acquire("subject:a");
        assertThat(wait).hasValueSatisfying(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofMillis(50)));

        Thread.sleep(wait.orElseThrow().toMillis() + 20);
        assertThat(limiter.acquire("subject:a")).isEmpty();
    }

    @Test
    void eachCallerHasItsOwnBucket() {
        CallerRateLimiter limiter = new CallerRateLimiter(true, 1, 1, 100);
        assertThat(limiter.acquire("subject:a")).isEmpty();
        assertThat(limiter.acquire("subject:a")).isPresent();
        assertThat(limiter.acquire("subject:b")).isEmpty();
        assertThat(limiter.acquire("address:127.0.0.1")).isEmpty();
    }

    @Test
    void switchedOffNobodyIsHeldBack() {
        CallerRateLimiter limiter = new CallerRateLimiter(false, 1, 1, 100);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire("subject:a")).isEmpty();
        }
        assertThat(limiter.enabled()).isFalse();
    }

    @Test
    void aRateOrBurstBelowOneIsAConfigurationError() {
        assertThatThrownBy(() -> new CallerRateLimiter(true, 0, 10, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallerRateLimiter(true, 10, 0, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itsLimitReadsAsTheAnswerStatesIt() {
        assertThat(new CallerRateLimiter(true, 1000, 2000, 100).describe()).isEqualTo("1000 requests per second (2000 at once)");
    }
}
