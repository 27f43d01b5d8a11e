package org.duallist.supervision.messaging;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.WarningLight;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What one evaluation pass over the supervised tasks did. */
@Schema(description = "One evaluation pass (预警 and 督办单 by the rules) over every supervised task")
public record EvaluationReport(
        @Schema(description = "The business day evaluated (Asia/Shanghai)") LocalDate businessDate,
        @Schema(description = "How many supervised tasks were evaluated") int evaluated,
        @Schema(description = "Supervised tasks passed over: evaluated before with nothing emitted, their facts and events "
                + "unchanged since, and no light or notice can fall due before the next day it may change") int unchanged,
        @Schema(description = "Tasks left for the next pass: another evaluation stored its events first, a failure, or the "
                + "service stopping") int deferred,
        @Schema(description = "How many lights (预警) and notices (督办单) the pass emitted") int emittedCount,
        @Schema(description = "The lights and notices emitted, in the order of the tasks' deadlines; the first "
                + EvaluationReport.LISTED + " when there were more (emittedCount counts them all)") List<Emitted> emitted) {

    /**
     * The first pass after a bulk import emits a light for most tasks: a million of them listed in one answer
     * would be held in the service's heap and then written out, for a reader who wants the counts.
     */
    static final int LISTED = 10_000;

    public record Emitted(
            UUID taskId,
            @Schema(description = "dual-list.task.warning-light-changed.v1 or dual-list.task.supervision-notice-issued.v1") String type,
            WarningLight light,
            SupervisionGrade grade,
            UUID noticeId,
            @Schema(description = "The business day the light or notice is dated") LocalDate businessDate,
            String reason) {
    }

    /** Counts a pass's outcomes as it goes. */
    static final class Tally {
        private final LocalDate businessDate;
        private final List<Emitted> emitted = new ArrayList<>();
        private int evaluated;
        private int unchanged;
        private int deferred;
        private int emittedCount;

        Tally(LocalDate businessDate) {
            this.businessDate = businessDate;
        }

        void evaluated(List<Emitted> events) {
            evaluated++;
            emittedCount += events.size();
            for (Emitted event : events) {
                if (emitted.size() < LISTED) {
                    emitted.add(event);
                }
            }
        }

        void unchanged() {
            unchanged++;
        }

        void deferred() {
            deferred++;
        }

        EvaluationReport report() {
            return new EvaluationReport(businessDate, evaluated, unchanged, deferred, emittedCount, List.copyOf(emitted));
        }
    }
}
