package org.duallist.registration.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;

/** The task as the registration service knows it, straight from its events (read-your-writes). */
public record TaskView(
        UUID id,
        TaskStatus status,
        TaskList list,
        String regionCode,
        int year,
        String title,
        String content,
        TaskCategory category,
        String requesterUnit,
        String contactName,
        String contactPhone,
        Instant filedAt,
        String responsibleUnit,
        List<String> coUnits,
        LocalDate deadline,
        String qualityRequirement,
        Instant registeredAt,
        String declineReason,
        Instant declinedAt,
        Instant claimedAt,
        String returnReason,
        String withdrawReason,
        LocalDate requestedDeadline,
        /** How often the office reopened the task (重新办理). */
        int reopenings,
        long version) {
}
