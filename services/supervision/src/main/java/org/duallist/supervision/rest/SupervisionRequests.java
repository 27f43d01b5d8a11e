package org.duallist.supervision.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.duallist.contracts.AuditOutcome;
import org.duallist.contracts.SupervisionGrade;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the supervision service's commands. */
public final class SupervisionRequests {

    private SupervisionRequests() {
    }

    @Schema(description = "督办单 by hand: the office issues a supervision notice at a grade above those issued already")
    public record NoticeRequest(
            @Schema(description = "REMINDER 催办, NOTICE 督办, SPECIAL 专题督办/挂牌督办, REFERRAL 提请领导小组", required = true)
            @NotNull SupervisionGrade grade,
            @Schema(description = "Why the notice is issued (督办事由)", required = true) @NotBlank @Size(max = 1000) String reason,
            @Schema(description = "Reply date (反馈期限) of the 整改反馈, not before today; default today + the reply window "
                    + "for 督办 and above, none for a 催办") LocalDate replyDue) {
    }

    @Schema(description = "整改反馈: the responsible unit's rectification response to a notice")
    public record ResponseRequest(
            @Schema(description = "What was rectified and what follows", required = true) @NotBlank @Size(max = 4000) String response) {
    }

    @Schema(description = "核查/复核: the office's audit of an accepted completion")
    public record AuditRequest(
            @Schema(description = "PASSED 核查通过 or FAILED 核查未通过 (the task is then reopened)", required = true)
            @NotNull AuditOutcome outcome,
            @Schema(description = "核查意见: what the audit found; required when it failed") @Size(max = 4000) String findings) {
    }
}
