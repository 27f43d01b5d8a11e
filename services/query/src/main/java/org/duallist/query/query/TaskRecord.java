package org.duallist.query.query;

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
import org.duallist.contracts.AuditOutcome;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.WarningLight;
import org.duallist.contracts.TaskList;

/** One row of the leaders' ledger (台账): a task as the events so far describe it. */
@Entity
@Table(name = "task")
public class TaskRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    /** Optimistic lock: the topics' consumer threads may change one task at the same time. */
    @Version
    public long version;
    @Enumerated(EnumType.STRING)
    @Column(name = "list")
    public TaskList taskList;
    public String regionCode;
    public String cityPrefix;
    public String provincePrefix;
    @Column(name = "year")
    public int listYear;
    public String title;
    public String content;
    @Enumerated(EnumType.STRING)
    public TaskCategory category;
    public String requesterUnit;
    public String contactName;
    public String contactPhone;
    @Enumerated(EnumType.STRING)
    public TaskStatus status;
    /** Business time of the event that set {@link #status}: the latest such event wins, whatever the order of arrival. */
    public Instant statusChangedAt;
    public boolean open;
    public String responsibleUnit;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "task_co_unit", joinColumns = @JoinColumn(name = "task_id"))
    @OrderColumn(name = "position")
    @Column(name = "unit")
    public List<String> coUnits = new ArrayList<>();
    public LocalDate deadline;
    /** The deadline first assigned, before any extension. */
    public LocalDate originalDeadline;
    public int extensionCount;
    /** A later deadline the responsible unit asked for, awaiting the office. */
    public LocalDate requestedDeadline;
    public String qualityRequirement;
    public String declineReason;
    public Instant filedAt;
    public Instant registeredAt;
    public Instant declinedAt;
    public Instant updatedAt;
    /** Percent done, as last reported. */
    public int percent;
    public int openObstacles;
    /** 评议: the requester's rating, 1 to 5. */
    public Integer rating;
    public Instant acceptedAt;
    /** 重新办理: how often the office reopened the task. */
    public int reopenCount;
    /** 验收: how often the requester accepted a completion; the latest stands while it exceeds reopenCount. */
    public int acceptanceCount;
    /** Business date of the acceptance that stands (办结日期), null while the work goes on. */
    public LocalDate completedOn;
    public Instant closedAt;
    /** 预警: the light the supervision service gave the task last, and since which business day. */
    @Enumerated(EnumType.STRING)
    public WarningLight light;
    public LocalDate lightSince;
    /** The highest grade of supervision notice (督办单) issued on the task so far. */
    @Enumerated(EnumType.STRING)
    public SupervisionGrade grade;
    public int noticeCount;
    @Enumerated(EnumType.STRING)
    public AuditOutcome lastAuditOutcome;
    public Instant lastAuditedAt;
}
