package org.duallist.supervision.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.duallist.supervision.command.TaskSnapshot;

/** The facts a supervision command is judged against, from this service's own table. */
@ApplicationScoped
public class TaskFactsLookup {

    @Transactional
    public TaskSnapshot find(UUID taskId) {
        return findOptional(taskId).orElseThrow(() -> new NotFoundException("no task " + taskId + " is known to the supervision service"));
    }

    @Transactional
    public Optional<TaskSnapshot> findOptional(UUID taskId) {
        return TaskFacts.<TaskFacts>findByIdOptional(taskId).map(TaskFacts::snapshot);
    }

    /** Every task under supervision now: assigned with a deadline and its completion not accepted. */
    @Transactional
    public List<UUID> supervisedTaskIds() {
        return TaskFacts.getEntityManager().createQuery("""
                        SELECT t.taskId FROM TaskFacts t
                        WHERE t.status IN ('REGISTERED', 'CLAIMED', 'RETURNED') AND t.deadline IS NOT NULL
                          AND t.acceptedCompletions <= t.reopenings
                        ORDER BY t.deadline, t.taskId""", UUID.class)
                .getResultList();
    }
}
