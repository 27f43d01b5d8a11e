package org.duallist.contracts;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** An obstacle was resolved, and how. */
@Revision("1")
public record ObstacleResolvedEvent(UUID taskId, UUID obstacleId, String resolution, Instant resolvedAt, Actor actor) implements TaskEvent {
}
