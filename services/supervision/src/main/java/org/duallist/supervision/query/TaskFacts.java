package org.duallist.supervision.query;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;
import org.duallist.supervision.command.TaskSnapshot;

/** A task as the supervision service knows it from the registration and progress events. */
@Entity
@Table(name = "task_facts")
public class TaskFacts extends PanacheEntityBase {

    @Id
    public UUID taskId;
    public String regionCode;
    @Enumerated(EnumType.STRING)
    public TaskList taskList;
    @Enumerated(EnumType.STRING)
    public TaskCategory category;
    public int listYear;
    public String title;
    public String requesterUnit;
    public String responsibleUnit;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "task_facts_co_unit", joinColumns = @JoinColumn(name = "task_id"))
    @OrderColumn(name = "position")
    @Column(name = "unit")
    public List<String> coUnits = new ArrayList<>();
    /** The deadline from now on: moved by approved extensions, reassignments and reopenings. */
    public LocalDate deadline;
    /** Registration's lifecycle: SUBMITTED, REGISTERED, CLAIMED, RETURNED, DECLINED, WITHDRAWN, CLOSED. */
    public String status;
    /** Business date on which the current round of work began: the claim, or a reopening. */
    public LocalDate claimedOn;
    public int percent;
    /** A completion report awaits the requester's acceptance. */
    public boolean completionReported;
    public int acceptedCompletions;
    /** Each reopening undoes one accepted completion. */
    public int reopenings;
    public Instant updatedAt;
    /** The registration and progress consumers update a row from two threads: the loser of a race retries. */
    @Version
    public long version;

    public TaskSnapshot snapshot() {
        return new TaskSnapshot(regionCode, requesterUnit, responsibleUnit, List.copyOf(coUnits), status, deadline, claimedOn,
                percent, completionReported, acceptedCompletions, reopenings);
    }
}
