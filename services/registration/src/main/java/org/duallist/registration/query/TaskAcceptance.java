package org.duallist.registration.query;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Whether and how often the requester accepted a task's completion, as the progress events tell. */
@Entity
@Table(name = "task_acceptance")
public class TaskAcceptance extends PanacheEntityBase {

    @Id
    public UUID taskId;
    public boolean accepted;
    public Instant acceptedAt;
    /** How many completions the requester accepted (a reopened task needs another one). */
    public int acceptances;

    /** Looked up in the caller's transaction. */
    public static int acceptances(UUID taskId) {
        TaskAcceptance acceptance = findById(taskId);
        return acceptance == null ? 0 : acceptance.acceptances;
    }
}
