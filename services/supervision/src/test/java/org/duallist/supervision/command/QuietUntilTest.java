package org.duallist.supervision.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.duallist.contracts.WarningLight;
import org.junit.jupiter.api.Test;

/**
 * The day until which an evaluation that emitted nothing need not run again: the next day the light
 * judged from the same facts changes, at the latest the first overdue day.
 */
class QuietUntilTest {

    private static final SupervisionPolicy POLICY = SupervisionPolicy.DEFAULTS;
    private static final LocalDate CLAIMED = LocalDate.of(2027, 3, 1);
    private static final LocalDate DEADLINE = LocalDate.of(2027, 3, 31);

    private static TaskSnapshot claimed(int percent) {
        return new TaskSnapshot("150102", "呼和浩特警备区政治工作处", "呼和浩特市教育局", List.of(), "CLAIMED", DEADLINE, CLAIMED,
                percent, false, 0, 0);
    }

    @Test
    void aClaimedTaskWithoutProgressIsQuietUntilItsProgressLags() {
        // 30 days from claim to deadline, margin 20 points: lagging once 100·elapsed > 20·30, on day 7
        assertThat(Supervision.quietUntil(claimed(0), CLAIMED, POLICY)).isEqualTo(CLAIMED.plusDays(7));
        assertThat(Supervision.judge(claimed(0), CLAIMED.plusDays(6), POLICY).light()).isEqualTo(WarningLight.GREEN);
        assertThat(Supervision.judge(claimed(0), CLAIMED.plusDays(7), POLICY).light()).isEqualTo(WarningLight.YELLOW);
    }

    @Test
    void halfwayTheProgressLagComesJustBeforeTheYellowDays() {
        // lagging once 100·elapsed − 50·30 > 20·30, on day 22 (03-23); the yellow days begin on 03-24
        assertThat(Supervision.quietUntil(claimed(50), CLAIMED, POLICY)).isEqualTo(LocalDate.of(2027, 3, 23));
    }

    @Test
    void aTaskOnScheduleIsQuietUntilTheYellowDaysAndThenUntilItIsOverdue() {
        assertThat(Supervision.quietUntil(claimed(100), CLAIMED, POLICY)).isEqualTo(DEADLINE.minusDays(7));
        assertThat(Supervision.quietUntil(claimed(100), DEADLINE.minusDays(7), POLICY)).isEqualTo(DEADLINE.plusDays(1));
    }

    @Test
    void fromTheDeadlineOnEveryDayIsJudgedBecauseNoticesFallDue() {
        assertThat(Supervision.quietUntil(claimed(100), DEADLINE, POLICY)).isEqualTo(DEADLINE.plusDays(1));
        assertThat(Supervision.quietUntil(claimed(100), DEADLINE.plusDays(9), POLICY)).isEqualTo(DEADLINE.plusDays(10));
    }

    @Test
    void aRegisteredTaskNotYetClaimedIsQuietUntilTheYellowDays() {
        TaskSnapshot registered = new TaskSnapshot("150102", "呼和浩特警备区政治工作处", "呼和浩特市教育局", List.of(), "REGISTERED",
                DEADLINE, null, 0, false, 0, 0);
        assertThat(Supervision.quietUntil(registered, CLAIMED, POLICY)).isEqualTo(DEADLINE.minusDays(7));
    }
}
