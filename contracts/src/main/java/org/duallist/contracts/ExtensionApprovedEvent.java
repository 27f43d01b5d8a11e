package org.duallist.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The office approved the requested extension: the deadline moves from {@code previousDeadline} to {@code newDeadline}. */
@Revision("1")
public record ExtensionApprovedEvent(UUID taskId, LocalDate previousDeadline, LocalDate newDeadline, Instant approvedAt,
                                     Actor actor) implements TaskEvent {
}
