package org.duallist.contracts;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The responsible unit raised an obstacle that needs coordination (困难问题/需协调事项). */
@Revision("1")
public record ObstacleRaisedEvent(UUID taskId, UUID obstacleId, String description, Instant raisedAt, Actor actor) implements TaskEvent {
}
