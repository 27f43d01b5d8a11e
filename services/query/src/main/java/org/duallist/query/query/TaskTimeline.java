package org.duallist.query.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps {@code task_period}: what each registered task looked like on each business day, so that the
 * overdue list and the statistics can answer as of a past date from the recorded events rather than
 * from today's state. A change "from day X on" splits the stretch of days that contains X and sets
 * the changed columns on every stretch from X; each column is fed by one topic only, in its order.
 */
@ApplicationScoped
public class TaskTimeline {

    private final EntityManager entityManager;

    TaskTimeline(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The first stretch, from the day of registration. */
    public void registered(UUID taskId, LocalDate day, String responsibleUnit, LocalDate deadline) {
        entityManager.createNativeQuery("""
                        INSERT INTO task_period (task_id, valid_from, responsible_unit, deadline, open, closed)
                        VALUES (:task, :day, :unit, :deadline, TRUE, FALSE)""")
                .setParameter("task", taskId).setParameter("day", day)
                .setParameter("unit", responsibleUnit).setParameter("deadline", deadline)
                .executeUpdate();
    }

    /** Sets the given columns from {@code day} on; a column name maps to its new value. */
    public void changeFrom(UUID taskId, LocalDate day, Map<String, Object> columns) {
        requireRegistered(taskId);
        split(taskId, day);
        StringBuilder set = new StringBuilder();
        Map<String, Object> parameters = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<String, Object> column : columns.entrySet()) {
            if (!set.isEmpty()) {
                set.append(", ");
            }
            String parameter = "v" + index++;
            set.append(column.getKey()).append(" = :").append(parameter);
            parameters.put(parameter, column.getValue());
        }
        Query update = entityManager.createNativeQuery(
                "UPDATE task_period SET " + set + " WHERE task_id = :task AND valid_from >= :day");
        update.setParameter("task", taskId).setParameter("day", day);
        parameters.forEach(update::setParameter);
        update.executeUpdate();
    }

    /** Raises the grade rank to at least {@code rank} from {@code day} on (grades only climb). */
    public void gradeAtLeastFrom(UUID taskId, LocalDate day, int rank) {
        requireRegistered(taskId);
        split(taskId, day);
        entityManager.createNativeQuery(
                        "UPDATE task_period SET grade_rank = GREATEST(grade_rank, :rank) WHERE task_id = :task AND valid_from >= :day")
                .setParameter("rank", rank).setParameter("task", taskId).setParameter("day", day)
                .executeUpdate();
    }

    private void split(UUID taskId, LocalDate day) {
        // the copy first: it starts at day, so the shortening below leaves it alone
        entityManager.createNativeQuery("""
                        INSERT INTO task_period (task_id, valid_from, valid_to, responsible_unit, deadline, open, closed,
                                                 acceptances, last_accepted_on, reopenings, grade_rank)
                        SELECT task_id, :day, valid_to, responsible_unit, deadline, open, closed,
                               acceptances, last_accepted_on, reopenings, grade_rank
                        FROM task_period
                        WHERE task_id = :task AND valid_from < :day AND (valid_to IS NULL OR valid_to > :day)""")
                .setParameter("task", taskId).setParameter("day", day)
                .executeUpdate();
        entityManager.createNativeQuery("""
                        UPDATE task_period SET valid_to = :day
                        WHERE task_id = :task AND valid_from < :day AND (valid_to IS NULL OR valid_to > :day)""")
                .setParameter("task", taskId).setParameter("day", day)
                .executeUpdate();
    }

    /**
     * The topics are read independently: a progress or supervision event may come before this service
     * has projected the task's registration. It fails then, and the consumer tries it again later.
     */
    private void requireRegistered(UUID taskId) {
        Number stretches = (Number) entityManager.createNativeQuery("SELECT count(*) FROM task_period WHERE task_id = :task")
                .setParameter("task", taskId).getSingleResult();
        if (stretches.longValue() == 0) {
            throw new IllegalStateException("task " + taskId + " has no registration in the read model yet");
        }
    }
}
