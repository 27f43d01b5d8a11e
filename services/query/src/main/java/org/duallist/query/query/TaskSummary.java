package org.duallist.query.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.duallist.contracts.AuditOutcome;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.WarningLight;
import org.duallist.contracts.TaskList;

/** A task as the query API answers it. */
public record TaskSummary(
        UUID id,
        TaskList list,
        String regionCode,
        int year,
        String title,
        String content,
        TaskCategory category,
        String requesterUnit,
        String contactName,
        String contactPhone,
        TaskStatus status,
        String responsibleUnit,
        List<String> coUnits,
        LocalDate deadline,
        LocalDate originalDeadline,
        int extensionCount,
        LocalDate requestedDeadline,
        String qualityRequirement,
        String declineReason,
        Instant filedAt,
        Instant registeredAt,
        Instant declinedAt,
        Instant updatedAt,
        int percent,
        int openObstacles,
        Integer rating,
        Instant acceptedAt,
        /** 重新办理: how often the office reopened the task. */
        int reopenCount,
        /** 办结日期: business date of the acceptance that stands. */
        LocalDate completedOn,
        Instant closedAt,
        /** 预警: green, yellow or red, as the supervision service last lit it; null before its first evaluation and while the task is not open (withdrawn, closed). */
        WarningLight light,
        LocalDate lightSince,
        /** 督办等级: the highest supervision grade issued so far. */
        SupervisionGrade grade,
        int noticeCount,
        /** 核查: the outcome of the last audit. */
        AuditOutcome lastAuditOutcome) {

    public static TaskSummary of(TaskRecord task) {
        return new TaskSummary(task.id, task.taskList, task.regionCode, task.listYear, task.title, task.content,
                task.category, task.requesterUnit, task.contactName, task.contactPhone, task.status,
                task.responsibleUnit, List.copyOf(task.coUnits), task.deadline, task.originalDeadline,
                task.extensionCount, task.requestedDeadline, task.qualityRequirement,
                task.declineReason, task.filedAt, task.registeredAt, task.declinedAt, task.updatedAt, task.percent,
                task.openObstacles, task.rating, task.acceptedAt, task.reopenCount, task.completedOn, task.closedAt,
                // a reopened task shows its last light again until the next evaluation; events of the
                // supervision topic may arrive after a withdrawal or closing, so the light is kept, not cleared
                task.open ? task.light : null, task.open ? task.lightSince : null, task.grade, task.noticeCount, task.lastAuditOutcome);
    }
}
