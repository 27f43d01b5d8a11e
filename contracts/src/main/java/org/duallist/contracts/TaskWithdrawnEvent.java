package org.duallist.contracts;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The requester unit withdrew (撤销) its own request, with its reason; nothing more is done on it. */
@Revision("1")
public record TaskWithdrawnEvent(UUID taskId, String reason, Instant withdrawnAt, Actor actor) implements TaskEvent {
}
