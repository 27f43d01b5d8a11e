package org.duallist.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchWarmUpTest {

    @Test
    void throughputHasSettledWhenTwoWindowsDifferByLessThanTenPercent() {
        assertThat(BenchCommand.settled(100.0, 109.0)).isTrue();
        assertThat(BenchCommand.settled(100.0, 91.5)).isTrue();
    }

    @Test
    void throughputStillClimbingOrFallingHasNotSettled() {
        assertThat(BenchCommand.settled(60.0, 80.0)).isFalse();
        assertThat(BenchCommand.settled(100.0, 85.0)).isFalse();
        assertThat(BenchCommand.settled(0.0, 0.0)).isFalse();
    }
}
