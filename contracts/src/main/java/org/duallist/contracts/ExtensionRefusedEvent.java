package org.duallist.contracts;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The office refused the requested extension, with its reason; the deadline stays. */
@Revision("1")
public record ExtensionRefusedEvent(UUID taskId, String reason, Instant refusedAt, Actor actor) implements TaskEvent {
}
