package org.duallist.query.query;

import java.time.Instant;
import java.util.UUID;
import org.duallist.contracts.AuditOutcome;

/** An audit (核查/复核) of the task. */
public record AuditView(UUID auditId, AuditOutcome outcome, String outcomeName, String findings, Instant auditedAt, String auditor) {

    static AuditView of(TaskAuditRecord audit) {
        return new AuditView(audit.auditId, audit.outcome, audit.outcome.chineseName(), audit.findings, audit.auditedAt,
                audit.auditor);
    }
}
