package org.duallist.query.query;

import java.time.LocalDate;
import org.duallist.contracts.Actor;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;

/**
 * Registered tasks that were overdue (逾期) on {@code asOf}, as the events recorded up to then tell:
 * neither withdrawn, closed nor completed (completion accepted) by that day, and past the deadline
 * in force on that day; a task is overdue from the day after its deadline, in Asia/Shanghai.
 *
 * @param grade           only tasks whose highest supervision grade on that day is this one
 * @param minDaysOverdue  only tasks at least this many days overdue
 * @param sortByGrade     highest grade first (then most overdue), instead of most overdue first
 */
public record FindOverdueTasksQuery(
        Actor reader,
        LocalDate asOf,
        TaskList list,
        String region,
        String responsibleUnit,
        TaskCategory category,
        Integer year,
        SupervisionGrade grade,
        Integer minDaysOverdue,
        boolean sortByGrade,
        int page,
        int size) {
}
