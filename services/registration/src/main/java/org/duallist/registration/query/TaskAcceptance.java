package org.duallist.registration.query;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Whether the requester accepted a task's completion, as the progress events tell. */
@Entity
@Table(name = "task_acceptance")
public class TaskAcceptance extends PanacheEntityBase {

    @Id
    public UUID taskId;
    public boolean accepted;
    public Instant acceptedAt;

    /** Looked up in the caller's transaction. */
    public static boolean isAccepted(UUID taskId) {
        TaskAcceptance acceptance = findById(taskId);
        return acceptance != null && acceptance.accepted;
    }
}
