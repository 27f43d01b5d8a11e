package org.duallist.registration.command;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/** 不予立项: the office declines to register a filed request, with its reason. */
public record DeclineTaskCommand(@TargetAggregateIdentifier UUID taskId, String reason, Instant issuedAt, Actor actor) {
}
