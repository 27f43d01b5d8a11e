package org.duallist.query.query;

import java.time.LocalDate;
import org.duallist.contracts.Actor;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;

/**
 * The leaders' statistics (统计) of one year's registered tasks as they stood on {@code asOf}:
 * within {@code region} (default the reader's), optionally one list or category.
 */
public record FindStatisticsQuery(
        Actor reader,
        LocalDate asOf,
        int year,
        String region,
        TaskList list,
        TaskCategory category) {
}
