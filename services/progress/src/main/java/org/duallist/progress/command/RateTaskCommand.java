package org.duallist.progress.command;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/** 评议: the requester unit rates the accepted result, 1 to 5. */
public record RateTaskCommand(@TargetAggregateIdentifier UUID taskId, int score, String comment, Assignment assignment, Instant issuedAt, Actor actor) {
}
