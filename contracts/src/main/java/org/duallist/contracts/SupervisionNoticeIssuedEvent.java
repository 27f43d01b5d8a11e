package org.duallist.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A supervision notice (督办单) of a grade was issued on a task, by the schedule of the rules
 * ({@code manual} false, actor the supervision service) or by the office by hand with a reason.
 * {@code replyDue} is the date by which the responsible unit owes a rectification response (整改反馈),
 * null for a reminder that needs none.
 */
@Revision("1")
public record SupervisionNoticeIssuedEvent(
        UUID taskId,
        UUID noticeId,
        SupervisionGrade grade,
        String reason,
        LocalDate replyDue,
        boolean manual,
        LocalDate businessDate,
        Instant issuedAt,
        Actor actor) implements TaskEvent {
}
