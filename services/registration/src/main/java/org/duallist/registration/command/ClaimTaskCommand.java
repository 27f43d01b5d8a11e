package org.duallist.registration.command;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/** 签收/认领: the responsible unit claims the task assigned to it. */
public record ClaimTaskCommand(@TargetAggregateIdentifier UUID taskId, Instant issuedAt, Actor actor) {
}
