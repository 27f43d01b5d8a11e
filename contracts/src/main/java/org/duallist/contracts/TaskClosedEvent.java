package org.duallist.contracts;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The office closed the task (销号) after the requester accepted its completion; supervision ends. */
@Revision("1")
public record TaskClosedEvent(UUID taskId, String note, Instant closedAt, Actor actor) implements TaskEvent {
}
