package org.duallist.registration.command;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/**
 * 销号: the office closes the task. {@code completionAccepted} is what registration has learned
 * from the progress events: whether the requester accepted the completion.
 */
public record CloseTaskCommand(@TargetAggregateIdentifier UUID taskId, String note, boolean completionAccepted,
                               Instant issuedAt, Actor actor) {
}
