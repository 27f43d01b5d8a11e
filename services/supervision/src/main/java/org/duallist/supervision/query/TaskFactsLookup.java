package org.duallist.supervision.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.LocalDate;
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
     * first), so that the pass can tell without loading anything whether either changed; its deadline
     * places it in the pass's order (the most urgent first).
     */
    public record Supervised(UUID taskId, LocalDate deadline, long factsVersion, long lastSequence) {
    }

    private static final String SUPERVISED = """
            SELECT t.task_id, t.deadline, t.version,
                   (SELECT max(e.sequenceNumber) FROM DomainEventEntry e
                    WHERE e.aggregateIdentifier = CAST(t.task_id AS VARCHAR)) AS last_sequence
            FROM task_facts t
            WHERE t.status IN ('REGISTERED', 'CLAIMED', 'RETURNED') AND t.deadline IS NOT NULL
              AND t.accepted_completions <= t.reopenings
            """;

    /**
     * The next tasks under supervision now, in the order of their deadlines, after {@code after} (from the
     * first when null). A pass reads them a page at a time: a million supervised tasks listed at once held
     * their rows twice over in the service's heap. Each page walks the partial index on (deadline, task)
     * from where the last one ended; its last sequence numbers come from the event store's unique
     * (aggregate, sequence) index, read backwards.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Supervised> supervisedTasks(Supervised after, int limit) {
        Query query = after == null
                ? TaskFacts.getEntityManager().createNativeQuery(SUPERVISED + " ORDER BY t.deadline, t.task_id LIMIT :limit")
                : TaskFacts.getEntityManager().createNativeQuery(SUPERVISED
                                + " AND (t.deadline, t.task_id) > (:deadline, :taskId) ORDER BY t.deadline, t.task_id LIMIT :limit")
                        .setParameter("deadline", after.deadline())
                        .setParameter("taskId", after.taskId());
        List<Object[]> rows = query.setParameter("limit", limit).getResultList();
        List<Supervised> supervised = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            supervised.add(new Supervised((UUID) row[0], toLocalDate(row[1]), ((Number) row[2]).longValue(),
                    row[3] == null ? -1 : ((Number) row[3]).longValue()));
        }
        return supervised;
    }

    private static LocalDate toLocalDate(Object date) {
        return date instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) date;
    }
}
