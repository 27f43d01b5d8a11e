package org.duallist.contracts;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The responsible unit claimed (签收/认领) the task assigned to it: the work is now its own. */
@Revision("1")
public record TaskClaimedEvent(UUID taskId, Instant claimedAt, Actor actor) implements TaskEvent {
}
