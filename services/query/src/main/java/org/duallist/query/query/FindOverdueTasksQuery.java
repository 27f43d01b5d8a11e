package org.duallist.query.query;

import java.time.LocalDate;
import org.duallist.contracts.Actor;
import org.duallist.contracts.TaskList;

/**
 * Open registered tasks whose deadline lies before {@code asOf} (逾期): a task is overdue from
 * the day after its deadline, in Asia/Shanghai.
 */
public record FindOverdueTasksQuery(
        Actor reader,
        LocalDate asOf,
        TaskList list,
        String region,
        String responsibleUnit,
        Integer year,
        int page,
        int size) {
}
