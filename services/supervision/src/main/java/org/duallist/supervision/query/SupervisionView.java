package org.duallist.supervision.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.duallist.contracts.Actor;
import org.duallist.contracts.AuditOutcome;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.WarningLight;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The supervision (督查督办) of one task, as its events tell it. */
@Schema(description = "督查督办: the task's warning light (预警), its 督办单 with their 整改反馈, and its audits (核查)")
public record SupervisionView(
        UUID taskId,
        @Schema(description = "Whether the task is supervised now (assigned, not closed, withdrawn or declined, completion not accepted)")
        boolean supervised,
        @Schema(description = "The deadline (完成时限) as it stands now")
        LocalDate deadline,
        @Schema(description = "预警: the latest warning light; null before the first evaluation")
        WarningLight light,
        @Schema(description = "The light in Chinese: 绿灯, 黄灯, 红灯")
        String lightName,
        @Schema(description = "Why it is lit: 正常, 临期, 进度滞后, 逾期N天")
        String lightReason,
        @Schema(description = "Business date on which the light was lit")
        LocalDate lightSince,
        @Schema(description = "The highest grade of 督办单 issued so far: REMINDER 催办, NOTICE 督办, SPECIAL 专题督办, REFERRAL 提请领导小组")
        SupervisionGrade grade,
        String gradeName,
        @Schema(description = "督办单 in the order issued")
        List<Notice> notices,
        @Schema(description = "核查/复核 in the order recorded")
        List<Audit> audits) {

    @Schema(description = "督办单: a supervision notice and its 整改反馈")
    public record Notice(
            UUID noticeId,
            SupervisionGrade grade,
            @Schema(description = "催办, 督办, 专题督办 or 提请领导小组") String gradeName,
            String reason,
            @Schema(description = "Reply date (反馈期限) of the 整改反馈; null when none is needed") LocalDate replyDue,
            @Schema(description = "Issued by hand by the office, not by the schedule") boolean manual,
            @Schema(description = "Business date on which it fell due or was issued") LocalDate issuedOn,
            Instant issuedAt,
            Actor issuedBy,
            @Schema(description = "整改反馈: the responsible unit's response, null while unanswered") String response,
            Instant respondedAt,
            Actor respondedBy,
            @Schema(description = "The response came after the reply date") Boolean late,
            @Schema(description = "A reply is due and none was given") boolean awaitingResponse) {
    }

    @Schema(description = "核查/复核: an audit of an accepted completion")
    public record Audit(
            UUID auditId,
            AuditOutcome outcome,
            @Schema(description = "核查通过 or 核查未通过") String outcomeName,
            @Schema(description = "Which accepted completion was audited (1 for the first)") int acceptedCompletions,
            String findings,
            Instant auditedAt,
            Actor auditor) {
    }
}
