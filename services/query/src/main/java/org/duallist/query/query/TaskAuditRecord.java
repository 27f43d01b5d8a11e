package org.duallist.query.query;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.duallist.contracts.AuditOutcome;

/** An audit (核查/复核) the office recorded on an accepted task. */
@Entity
@Table(name = "task_audit")
public class TaskAuditRecord extends PanacheEntityBase {

    @Id
    public UUID auditId;
    public UUID taskId;
    @Enumerated(EnumType.STRING)
    public AuditOutcome outcome;
    public String findings;
    public Instant auditedAt;
    public String auditor;
}
