package org.duallist.supervision.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;
import org.duallist.contracts.SupervisionGrade;

/**
 * The office issues a supervision notice (督办单) by hand, at any grade above those issued already,
 * with a reason; {@code replyDue} null means the default reply date. Answers the notice's id.
 */
public record IssueSupervisionNoticeCommand(@TargetAggregateIdentifier UUID taskId, SupervisionGrade grade, String reason,
                                            LocalDate replyDue, TaskSnapshot facts, LocalDate businessDate, Instant issuedAt,
                                            Actor actor) {
}
