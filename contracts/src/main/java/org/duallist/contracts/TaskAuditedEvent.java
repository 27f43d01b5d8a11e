package org.duallist.contracts;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The office audited (核查/复核) a task whose completion was accepted. A failed audit carries its
 * findings, and the registration service reopens the task when it learns of it.
 * {@code acceptedCompletions} counts the task's accepted completions up to the audited one (1 for
 * the first), so that registration reopens each audited acceptance once and waits if it has not yet
 * learned of it.
 */
@Revision("1")
public record TaskAuditedEvent(
        UUID taskId,
        UUID auditId,
        AuditOutcome outcome,
        int acceptedCompletions,
        String findings,
        Instant auditedAt,
        Actor actor) implements TaskEvent {
}
