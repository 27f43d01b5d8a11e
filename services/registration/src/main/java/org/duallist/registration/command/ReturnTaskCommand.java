package org.duallist.registration.command;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/** 退回: the responsible unit sends the task back instead of claiming it, with its reason. */
public record ReturnTaskCommand(@TargetAggregateIdentifier UUID taskId, String reason, Instant issuedAt, Actor actor) {
}
