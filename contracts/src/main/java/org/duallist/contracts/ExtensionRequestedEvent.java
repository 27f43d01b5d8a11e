package org.duallist.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The responsible unit asked, before the deadline, to move it (延期申请), with its reason. */
@Revision("1")
public record ExtensionRequestedEvent(UUID taskId, LocalDate requestedDeadline, String reason, Instant requestedAt,
                                      Actor actor) implements TaskEvent {
}
