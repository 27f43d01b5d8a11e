package org.duallist.progress.query;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A task as the progress service knows it from the registration events. */
@Entity
@Table(name = "task_assignment")
public class TaskAssignment extends PanacheEntityBase {

    @Id
    public UUID taskId;
    public String regionCode;
    public String requesterUnit;
    public String responsibleUnit;
    /** Registration's state: FILED, REGISTERED, CLAIMED, RETURNED, DECLINED, WITHDRAWN. */
    public String status;
    public Instant updatedAt;
    /** How often the office reopened the task; each reopening undoes one accepted completion. */
    public int reopenings;
}
