package org.duallist.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The office reopened (重新办理) a task whose completion was accepted or which was closed: after a
 * failed audit (then {@code auditId} names it) or a wrong closing. The responsible unit works on it
 * again until a new completion is accepted; {@code deadline} is the deadline from now on.
 */
@Revision("1")
public record TaskReopenedEvent(
        UUID taskId,
        String reason,
        LocalDate deadline,
        UUID auditId,
        Instant reopenedAt,
        Actor actor) implements TaskEvent {
}
