package org.duallist.supervision.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.util.ArrayList;
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

    /** A task's facts with the version they were read at. */
    public record VersionedSnapshot(TaskSnapshot snapshot, long version) {
    }

    @Transactional
    public Optional<VersionedSnapshot> findVersioned(UUID taskId) {
        return TaskFacts.<TaskFacts>findByIdOptional(taskId).map(facts -> new VersionedSnapshot(facts.snapshot(), facts.version));
    }

    /**
     * A supervised task as the evaluation pass first sees it: the version of its facts (raised by every
     * change the projection makes) and the last sequence number of its supervision stream (-1 before the
     * first), so that the pass can tell without loading anything whether either changed.
     */
    public record Supervised(UUID taskId, long factsVersion, long lastSequence) {
    }

    /**
     * Every task under supervision now, in one statement: its stream's last sequence number comes from
     * the event store's unique (aggregate, sequence) index, read backwards.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Supervised> supervisedTasks() {
        List<Object[]> rows = TaskFacts.getEntityManager().createNativeQuery("""
                        SELECT t.task_id, t.version,
                               (SELECT max(e.sequenceNumber) FROM DomainEventEntry e
                                WHERE e.aggregateIdentifier = CAST(t.task_id AS VARCHAR)) AS last_sequence
                        FROM task_facts t
                        WHERE t.status IN ('REGISTERED', 'CLAIMED', 'RETURNED') AND t.deadline IS NOT NULL
                          AND t.accepted_completions <= t.reopenings
                        ORDER BY t.deadline, t.task_id""")
                .getResultList();
        List<Supervised> supervised = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            supervised.add(new Supervised((UUID) row[0], ((Number) row[1]).longValue(),
                    row[2] == null ? -1 : ((Number) row[2]).longValue()));
        }
        return supervised;
    }

    /** Every task under supervision now: assigned with a deadline and its completion not accepted. */
    public List<UUID> supervisedTaskIds() {
        return supervisedTasks().stream().map(Supervised::taskId).toList();
    }
}
