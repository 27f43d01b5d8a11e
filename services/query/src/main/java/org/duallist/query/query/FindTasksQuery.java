package org.duallist.query.query;

import org.duallist.contracts.Actor;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;

/**
 * Which tasks a caller wants to see: every filter is optional; a city region also matches its
 * counties, a province its cities and counties. {@code reader} limits the answer to what the
 * caller may read.
 */
public record FindTasksQuery(
        Actor reader,
        TaskList list,
        String region,
        String responsibleUnit,
        String requesterUnit,
        Integer year,
        TaskStatus status,
        TaskCategory category,
        PageRequest page) {
}
