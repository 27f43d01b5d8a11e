package org.duallist.registration.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/**
 * 重新办理: the office reopens a task whose completion was accepted, or which was closed, with a
 * reason. {@code deadline} null keeps the current deadline. {@code completionAcceptances} is how many
 * accepted completions registration has learned from the progress events. {@code auditedAcceptance}
 * is set when a failed audit (核查未通过) reopens it: the number of the audited acceptance (1 = first),
 * so that each audited acceptance reopens the task once; null when the office reopens it by hand.
 */
public record ReopenTaskCommand(@TargetAggregateIdentifier UUID taskId, String reason, LocalDate deadline, UUID auditId,
                                Integer auditedAcceptance, int completionAcceptances, Instant issuedAt, Actor actor) {
}
