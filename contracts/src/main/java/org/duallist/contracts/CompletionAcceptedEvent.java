package org.duallist.contracts;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The requester unit accepted the reported completion (验收通过). */
@Revision("1")
public record CompletionAcceptedEvent(UUID taskId, Instant acceptedAt, Actor actor) implements TaskEvent {
}
