package org.duallist.contracts;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The dual-support office declined to register a filed request (不予立项), with its reason. */
@Revision("1")
public record TaskDeclinedEvent(UUID taskId, String reason, Instant declinedAt, Actor actor) implements TaskEvent {
}
