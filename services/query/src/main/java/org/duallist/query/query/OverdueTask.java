package org.duallist.query.query;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;

/** An overdue task (逾期事项) with how many days it is past its deadline as of the asked date. */
public record OverdueTask(
        UUID id,
        TaskList list,
        String regionCode,
        int year,
        String title,
        TaskCategory category,
        String requesterUnit,
        String responsibleUnit,
        List<String> coUnits,
        TaskStatus status,
        LocalDate deadline,
        long daysOverdue) {
}
