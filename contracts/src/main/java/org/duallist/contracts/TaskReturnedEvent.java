package org.duallist.contracts;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The responsible unit sent the task back (退回) with its reason, instead of claiming it; the office reassigns it. */
@Revision("1")
public record TaskReturnedEvent(UUID taskId, String reason, Instant returnedAt, Actor actor) implements TaskEvent {
}
