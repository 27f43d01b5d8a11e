package org.duallist.query.query;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One step of a task's audit trail (办理记录): an event, when it happened and who did it. */
@Entity
@Table(name = "task_history_entry")
public class TaskHistoryEntry extends PanacheEntityBase {

    /** From the table's sequence in blocks, so that the consumer's inserts can go in JDBC batches (an identity column would not). */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "task_history_entry_id")
    @SequenceGenerator(name = "task_history_entry_id", sequenceName = "task_history_entry_id_seq", allocationSize = 50)
    public Long id;
    public UUID taskId;
    public String eventId;
    public String source;
    public long sequence;
    public String type;
    public String label;
    public Instant occurredAt;
    public String actorUser;
    public String actorRole;
    public String actorUnit;
    public String actorRegion;
    /** The event's own fields as JSON. */
    public String details;
    /** The revision of the event type's payload that {@link #details} is written at. */
    public int detailsRevision;
}
