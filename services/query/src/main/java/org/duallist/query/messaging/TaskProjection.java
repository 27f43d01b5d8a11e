package org.duallist.query.messaging;

import org.duallist.platform.messaging.PrerequisiteMissingException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.duallist.contracts.CompletionAcceptedEvent;
import org.duallist.contracts.CompletionRejectedEvent;
import org.duallist.contracts.CompletionReportedEvent;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.ObstacleRaisedEvent;
import org.duallist.contracts.ObstacleResolvedEvent;
import org.duallist.contracts.ProgressReportedEvent;
import org.duallist.contracts.TaskRatedEvent;
import org.duallist.contracts.ExtensionApprovedEvent;
import org.duallist.contracts.ExtensionRefusedEvent;
import org.duallist.contracts.ExtensionRequestedEvent;
import org.duallist.contracts.TaskClaimedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.duallist.contracts.BusinessTime;
import org.duallist.contracts.RectificationRespondedEvent;
import org.duallist.contracts.SupervisionNoticeIssuedEvent;
import org.duallist.contracts.TaskAuditedEvent;
import org.duallist.contracts.WarningLightChangedEvent;
import org.duallist.query.query.SupervisionNoticeRecord;
import org.duallist.query.query.TaskAuditRecord;
import org.duallist.query.query.TaskTimeline;
import org.duallist.contracts.TaskAmendedEvent;
import org.duallist.contracts.TaskClosedEvent;
import org.duallist.contracts.TaskReopenedEvent;
import org.duallist.contracts.TaskDeclinedEvent;
import org.duallist.contracts.TaskReassignedEvent;
import org.duallist.contracts.TaskReturnedEvent;
import org.duallist.contracts.TaskWithdrawnEvent;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.contracts.Topics;
import org.duallist.platform.messaging.EventProjection;
import org.duallist.query.query.TaskRecord;
import org.duallist.query.query.TaskStatus;

/** Projects the registration, progress and supervision events into the {@code task} read model and its timeline. */
@ApplicationScoped
public class TaskProjection implements EventProjection {

    private static final int PRELOAD_CHUNK = 1_000;

    private final TaskTimeline timeline;

    TaskProjection(TaskTimeline timeline) {
        this.timeline = timeline;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.REGISTRATION, Topics.PROGRESS, Topics.SUPERVISION);
    }

    /**
     * Loads the poll's tasks with their co-units in one query per thousand, into the persistence
     * context, where each event's {@link #existing} then finds its task without a query of its own.
     */
    @Override
    public void prepare(List<EventEnvelope> events) {
        List<UUID> ids = events.stream().map(EventEnvelope::subject).distinct().map(UUID::fromString).toList();
        for (int from = 0; from < ids.size(); from += PRELOAD_CHUNK) {
            TaskRecord.find("select t from TaskRecord t left join fetch t.coUnits where t.id in ?1",
                    ids.subList(from, Math.min(ids.size(), from + PRELOAD_CHUNK))).list();
        }
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, BusinessTime.ZONE);
    }

    private static Map<String, Object> columns(Object... namesAndValues) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            columns.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return columns;
    }

    @Override
    public void apply(EventEnvelope event) {
        Object data = event.data();
        if (data instanceof TaskFiledEvent filed) {
            onFiled(filed);
        } else if (data instanceof TaskRegisteredEvent registered) {
            onRegistered(registered, event);
        } else if (data instanceof TaskDeclinedEvent declined) {
            onDeclined(declined, event);
        } else if (data instanceof TaskClaimedEvent claimed) {
            becomes(existing(claimed.taskId(), event), TaskStatus.CLAIMED, claimed.claimedAt());
        } else if (data instanceof ProgressReportedEvent progress) {
            TaskRecord task = existing(progress.taskId(), event);
            task.percent = progress.percent();
            if (task.status != TaskStatus.COMPLETION_REPORTED) {
                becomes(task, TaskStatus.IN_PROGRESS, progress.reportedAt());
            } else {
                touched(task, progress.reportedAt());
            }
        } else if (data instanceof ObstacleRaisedEvent raised) {
            existing(raised.taskId(), event).openObstacles++;
        } else if (data instanceof ObstacleResolvedEvent resolved) {
            TaskRecord task = existing(resolved.taskId(), event);
            task.openObstacles = Math.max(0, task.openObstacles - 1);
        } else if (data instanceof CompletionReportedEvent completion) {
            becomes(existing(completion.taskId(), event), TaskStatus.COMPLETION_REPORTED, completion.reportedAt());
        } else if (data instanceof CompletionRejectedEvent rejected) {
            becomes(existing(rejected.taskId(), event), TaskStatus.IN_PROGRESS, rejected.rejectedAt());
        } else if (data instanceof CompletionAcceptedEvent accepted) {
            TaskRecord task = existing(accepted.taskId(), event);
            task.acceptanceCount++;
            task.percent = 100;
            // an acceptance that a later reopening (applied first, from the other topic) undid is counted, not shown
            if (becomes(task, TaskStatus.ACCEPTED, accepted.acceptedAt())) {
                task.acceptedAt = accepted.acceptedAt();
                task.completedOn = day(accepted.acceptedAt());
            }
            timeline.changeFrom(task.id, day(accepted.acceptedAt()),
                    columns("acceptances", task.acceptanceCount, "last_accepted_on", day(accepted.acceptedAt())));
        } else if (data instanceof TaskRatedEvent rated) {
            existing(rated.taskId(), event).rating = rated.score();
        } else if (data instanceof TaskReturnedEvent returned) {
            becomes(existing(returned.taskId(), event), TaskStatus.RETURNED, returned.returnedAt());
        } else if (data instanceof TaskReassignedEvent reassigned) {
            TaskRecord task = existing(reassigned.taskId(), event);
            becomes(task, TaskStatus.REGISTERED, reassigned.reassignedAt());
            task.responsibleUnit = reassigned.responsibleUnit();
            task.coUnits.clear();
            task.coUnits.addAll(new ArrayList<>(reassigned.coUnits()));
            task.deadline = reassigned.deadline();
            timeline.changeFrom(task.id, day(reassigned.reassignedAt()),
                    columns("responsible_unit", task.responsibleUnit, "deadline", task.deadline));
        } else if (data instanceof ExtensionRequestedEvent requested) {
            TaskRecord task = existing(requested.taskId(), event);
            task.requestedDeadline = requested.requestedDeadline();
            touched(task, requested.requestedAt());
        } else if (data instanceof ExtensionApprovedEvent approved) {
            TaskRecord task = existing(approved.taskId(), event);
            task.deadline = approved.newDeadline();
            task.extensionCount++;
            task.requestedDeadline = null;
            touched(task, approved.approvedAt());
            timeline.changeFrom(task.id, day(approved.approvedAt()), columns("deadline", task.deadline));
        } else if (data instanceof ExtensionRefusedEvent refused) {
            TaskRecord task = existing(refused.taskId(), event);
            task.requestedDeadline = null;
            touched(task, refused.refusedAt());
        } else if (data instanceof TaskClosedEvent closed) {
            TaskRecord task = existing(closed.taskId(), event);
            becomes(task, TaskStatus.CLOSED, closed.closedAt());
            task.open = false;
            task.closedAt = closed.closedAt();
            timeline.changeFrom(task.id, day(closed.closedAt()), columns("open", false, "closed", true));
        } else if (data instanceof TaskAmendedEvent amended) {
            TaskRecord task = existing(amended.taskId(), event);
            task.title = amended.title();
            task.content = amended.content();
            task.coUnits.clear();
            task.coUnits.addAll(new ArrayList<>(amended.coUnits()));
            touched(task, amended.amendedAt());
        } else if (data instanceof TaskReopenedEvent reopened) {
            TaskRecord task = existing(reopened.taskId(), event);
            becomes(task, TaskStatus.IN_PROGRESS, reopened.reopenedAt());
            task.open = true;
            task.deadline = reopened.deadline();
            task.acceptedAt = null;
            task.completedOn = null;
            task.closedAt = null;
            task.reopenCount++;
            timeline.changeFrom(task.id, day(reopened.reopenedAt()), columns("deadline", task.deadline, "open", true,
                    "closed", false, "reopenings", task.reopenCount));
        } else if (data instanceof WarningLightChangedEvent changed) {
            TaskRecord task = existing(changed.taskId(), event);
            task.light = changed.light();
            task.lightSince = changed.businessDate();
        } else if (data instanceof SupervisionNoticeIssuedEvent issued) {
            onNoticeIssued(issued, event);
        } else if (data instanceof RectificationRespondedEvent responded) {
            SupervisionNoticeRecord notice = SupervisionNoticeRecord.findById(responded.noticeId());
            if (notice == null) {
                throw new PrerequisiteMissingException("response to notice " + responded.noticeId() + " arrived before the notice");
            }
            notice.response = responded.response();
            notice.respondedAt = responded.respondedAt();
            notice.respondedOn = day(responded.respondedAt());
            notice.responseLate = responded.late();
        } else if (data instanceof TaskAuditedEvent audited) {
            TaskRecord task = existing(audited.taskId(), event);
            TaskAuditRecord audit = new TaskAuditRecord();
            audit.auditId = audited.auditId();
            audit.taskId = audited.taskId();
            audit.outcome = audited.outcome();
            audit.findings = audited.findings();
            audit.auditedAt = audited.auditedAt();
            audit.auditor = audited.actor().user();
            audit.persist();
            task.lastAuditOutcome = audited.outcome();
            task.lastAuditedAt = audited.auditedAt();
        } else if (data instanceof TaskWithdrawnEvent withdrawn) {
            TaskRecord task = existing(withdrawn.taskId(), event);
            becomes(task, TaskStatus.WITHDRAWN, withdrawn.withdrawnAt());
            task.open = false;
            if (task.registeredAt != null) {
                timeline.changeFrom(task.id, day(withdrawn.withdrawnAt()), columns("open", false));
            }
        }
    }

    private void onFiled(TaskFiledEvent event) {
        TaskRecord task = new TaskRecord();
        task.id = event.taskId();
        task.taskList = event.list();
        task.regionCode = event.regionCode();
        task.cityPrefix = event.regionCode().substring(0, 4);
        task.provincePrefix = event.regionCode().substring(0, 2);
        task.listYear = event.year();
        task.title = event.title();
        task.content = event.content();
        task.category = event.category();
        task.requesterUnit = event.requesterUnit();
        task.contactName = event.contact().name();
        task.contactPhone = event.contact().phone();
        task.status = TaskStatus.SUBMITTED;
        task.statusChangedAt = event.filedAt();
        task.open = false;
        task.filedAt = event.filedAt();
        task.updatedAt = event.filedAt();
        task.persist();
    }

    private void onRegistered(TaskRegisteredEvent event, EventEnvelope envelope) {
        TaskRecord task = existing(event.taskId(), envelope);
        becomes(task, TaskStatus.REGISTERED, event.registeredAt());
        task.open = true;
        task.responsibleUnit = event.responsibleUnit();
        task.coUnits.clear();
        task.coUnits.addAll(new ArrayList<>(event.coUnits()));
        task.deadline = event.deadline();
        task.originalDeadline = event.deadline();
        task.qualityRequirement = event.qualityRequirement();
        task.registeredAt = event.registeredAt();
        timeline.registered(task, day(event.registeredAt()));
    }

    private void onNoticeIssued(SupervisionNoticeIssuedEvent event, EventEnvelope envelope) {
        TaskRecord task = existing(event.taskId(), envelope);
        SupervisionNoticeRecord notice = new SupervisionNoticeRecord();
        notice.noticeId = event.noticeId();
        notice.taskId = event.taskId();
        notice.grade = event.grade();
        notice.reason = event.reason();
        notice.replyDue = event.replyDue();
        notice.manual = event.manual();
        notice.issuedOn = event.businessDate();
        notice.issuedAt = event.issuedAt();
        notice.issuedBy = event.actor().user();
        notice.persist();
        if (task.grade == null || event.grade().compareTo(task.grade) > 0) {
            task.grade = event.grade();
        }
        task.noticeCount++;
        timeline.gradeAtLeastFrom(task.id, event.businessDate(), event.grade().ordinal() + 1);
    }

    private void onDeclined(TaskDeclinedEvent event, EventEnvelope envelope) {
        TaskRecord task = existing(event.taskId(), envelope);
        becomes(task, TaskStatus.DECLINED, event.declinedAt());
        task.open = false;
        task.declineReason = event.reason();
        task.declinedAt = event.declinedAt();
    }

    /**
     * The three topics are read independently, so a task's events from two of them may be applied in
     * either order (a progress report before the claim it followed, an acceptance after the reopening
     * that undid it). Each topic keeps its own order; across them, the status is that of the latest
     * event by business time, so the read model ends the same whatever the order of arrival, and the
     * same as its rebuild.
     *
     * @return whether this event's status is now the task's
     */
    static boolean becomes(TaskRecord task, TaskStatus status, Instant at) {
        touched(task, at);
        if (task.statusChangedAt != null && at.isBefore(task.statusChangedAt)) {
            return false;
        }
        task.status = status;
        task.statusChangedAt = at;
        return true;
    }

    /** The last change, by business time, whichever topic's event is applied last. */
    static void touched(TaskRecord task, Instant at) {
        if (task.updatedAt == null || at.isAfter(task.updatedAt)) {
            task.updatedAt = at;
        }
    }

    /**
     * Events of one task arrive in order on one partition, so the task exists; if it does not, the
     * event is retried rather than dropped, and the failure shows in the log.
     */
    private static TaskRecord existing(UUID taskId, EventEnvelope envelope) {
        TaskRecord task = TaskRecord.findById(taskId);
        if (task == null) {
            throw new PrerequisiteMissingException("event " + envelope.type().name() + " #" + envelope.sequence()
                    + " for task " + taskId + " arrived before the task was filed");
        }
        return task;
    }
}
