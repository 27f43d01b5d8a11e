package org.duallist.registration.command;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/**
 * 销号: the office closes the task. {@code completionAcceptances} is what registration has learned
 * from the progress events: how many times the requester accepted a completion.
 */
public record CloseTaskCommand(@TargetAggregateIdentifier UUID taskId, String note, int completionAcceptances,
                               Instant issuedAt, Actor actor) {
}
