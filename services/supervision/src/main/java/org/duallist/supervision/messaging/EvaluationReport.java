package org.duallist.supervision.messaging;

import java.time.LocalDate;
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
        @Schema(description = "Tasks left for the next pass: another evaluation stored its events first, or a failure") int deferred,
        @Schema(description = "The lights and notices emitted, in order") List<Emitted> emitted) {

    public record Emitted(
            UUID taskId,
            @Schema(description = "dual-list.task.warning-light-changed.v1 or dual-list.task.supervision-notice-issued.v1") String type,
            WarningLight light,
            SupervisionGrade grade,
            UUID noticeId,
            @Schema(description = "The business day the light or notice is dated") LocalDate businessDate,
            String reason) {
    }
}
