package org.duallist.progress.command;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/** An obstacle is resolved, by the responsible unit or the office. */
public record ResolveObstacleCommand(@TargetAggregateIdentifier UUID taskId, UUID obstacleId, String resolution, Assignment assignment, Instant issuedAt, Actor actor) {
}
