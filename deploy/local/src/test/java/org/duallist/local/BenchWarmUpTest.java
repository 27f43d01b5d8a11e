package org.duallist.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchWarmUpTest {

    @Test
    void throughputThatNoLongerClimbsAboveItsBestHasSettled() {
        assertThat(BenchCommand.settled(List.of(22.8, 56.0, 68.4, 94.4, 96.4))).isTrue();
        assertThat(BenchCommand.settled(List.of(40.0, 90.0, 100.0, 93.0))).isTrue();
    }

    @Test
    void throughputStillClimbingInSmallStepsHasNotSettled() {
        // each window within 10 % of the one before, but every one a new best: the JIT is still at work
        assertThat(BenchCommand.settled(List.of(24.4, 50.0, 58.3, 62.8))).isFalse();
        assertThat(BenchCommand.settled(List.of(60.0, 80.0, 100.0))).isFalse();
        assertThat(BenchCommand.settled(List.of(0.0, 0.0, 0.0, 0.0))).isFalse();
    }
}
