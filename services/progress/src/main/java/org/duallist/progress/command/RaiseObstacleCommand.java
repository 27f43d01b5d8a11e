package org.duallist.progress.command;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/** 困难问题: the responsible unit raises an obstacle that needs coordination. */
public record RaiseObstacleCommand(@TargetAggregateIdentifier UUID taskId, UUID obstacleId, String description, Assignment assignment, Instant issuedAt, Actor actor) {
}
