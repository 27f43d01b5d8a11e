package org.duallist.progress.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.util.UUID;
import org.duallist.progress.command.Assignment;

/** The registration facts a progress command is judged against, from this service's own table. */
@ApplicationScoped
public class AssignmentLookup {

    @Transactional
    public Assignment find(UUID taskId) {
        TaskAssignment task = TaskAssignment.findById(taskId);
        if (task == null) {
            throw new NotFoundException("no task " + taskId + " is known to the progress service");
        }
        return new Assignment(task.regionCode, task.requesterUnit, task.responsibleUnit, task.status, task.reopenings);
    }
}
