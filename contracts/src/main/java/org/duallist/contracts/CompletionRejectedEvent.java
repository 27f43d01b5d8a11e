package org.duallist.contracts;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The requester unit rejected the reported completion (验收不通过), with its reasons; the work goes on. */
@Revision("1")
public record CompletionRejectedEvent(UUID taskId, String reasons, Instant rejectedAt, Actor actor) implements TaskEvent {
}
