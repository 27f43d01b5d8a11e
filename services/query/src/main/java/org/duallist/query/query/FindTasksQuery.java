package org.duallist.query.query;

import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;

/**
 * Which tasks a leader wants to see: every filter is optional; a city region also matches its
 * counties, a province its cities and counties.
 */
public record FindTasksQuery(
        TaskList list,
        String region,
        String responsibleUnit,
        String requesterUnit,
        Integer year,
        TaskStatus status,
        TaskCategory category,
        PageRequest page) {
}
