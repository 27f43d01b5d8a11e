package org.duallist.supervision.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The scheduler's daily judgement of a task on business day {@code businessDate}: its warning light
 * (预警) and every supervision notice (督办单) that fell due by then. Answers the events it emitted.
 */
public record EvaluateSupervisionCommand(@TargetAggregateIdentifier UUID taskId, TaskSnapshot facts, LocalDate businessDate,
                                         Instant issuedAt) {
}
