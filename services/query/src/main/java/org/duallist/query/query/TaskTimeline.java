package org.duallist.query.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.duallist.platform.messaging.PrerequisiteMissingException;

/**
 * Keeps {@code task_period}: what each registered task looked like on each business day, so that the
 * overdue list and the statistics can answer as of a past date from the recorded events rather than
 * from today's state. A change "from day X on" splits the stretch of days that contains X and sets
 * the changed columns on every stretch from X; each column is fed by one topic only, in its order.
 *
 * <p>Plain JDBC on the transaction's connection rather than Hibernate native queries: no entity maps
 * {@code task_period}, and before each native query Hibernate dirty-checks every entity of the
 * persistence context, which holds a whole poll's tasks and history entries (quadratic in the poll).
 * The statements run at once; the task rows they refer to may wait for Hibernate's flush at commit
 * ({@code task_period}'s reference to {@code task} is checked at commit).
 */
@ApplicationScoped
public class TaskTimeline {

    private final DataSource dataSource;

    TaskTimeline(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The first stretch, from the day of registration. */
    public void registered(UUID taskId, LocalDate day, String responsibleUnit, LocalDate deadline) {
        update("""
                INSERT INTO task_period (task_id, valid_from, responsible_unit, deadline, open, closed)
                VALUES (?, ?, ?, ?, TRUE, FALSE)""", taskId, day, responsibleUnit, deadline);
    }

    /** Sets the given columns from {@code day} on; a column name maps to its new value. */
    public void changeFrom(UUID taskId, LocalDate day, Map<String, Object> columns) {
        requireRegistered(taskId);
        split(taskId, day);
        StringBuilder set = new StringBuilder();
        List<Object> values = new ArrayList<>();
        for (Map.Entry<String, Object> column : columns.entrySet()) {
            if (!set.isEmpty()) {
                set.append(", ");
            }
            set.append(column.getKey()).append(" = ?");
            values.add(column.getValue());
        }
        values.add(taskId);
        values.add(day);
        update("UPDATE task_period SET " + set + " WHERE task_id = ? AND valid_from >= ?", values.toArray());
    }

    /** Raises the grade rank to at least {@code rank} from {@code day} on (grades only climb). */
    public void gradeAtLeastFrom(UUID taskId, LocalDate day, int rank) {
        requireRegistered(taskId);
        split(taskId, day);
        update("UPDATE task_period SET grade_rank = GREATEST(grade_rank, ?) WHERE task_id = ? AND valid_from >= ?",
                rank, taskId, day);
    }

    private void split(UUID taskId, LocalDate day) {
        // the copy first: it starts at day, so the shortening below leaves it alone
        update("""
                INSERT INTO task_period (task_id, valid_from, valid_to, responsible_unit, deadline, open, closed,
                                         acceptances, last_accepted_on, reopenings, grade_rank)
                SELECT task_id, ?, valid_to, responsible_unit, deadline, open, closed,
                       acceptances, last_accepted_on, reopenings, grade_rank
                FROM task_period
                WHERE task_id = ? AND valid_from < ? AND (valid_to IS NULL OR valid_to > ?)""", day, taskId, day, day);
        update("""
                UPDATE task_period SET valid_to = ?
                WHERE task_id = ? AND valid_from < ? AND (valid_to IS NULL OR valid_to > ?)""", day, taskId, day, day);
    }

    /**
     * The topics are read independently: a progress or supervision event may come before this service
     * has projected the task's registration. It fails then, and the consumer tries it again later.
     */
    private void requireRegistered(UUID taskId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM task_period WHERE task_id = ? LIMIT 1")) {
            exists.setObject(1, taskId);
            try (ResultSet row = exists.executeQuery()) {
                if (!row.next()) {
                    throw new PrerequisiteMissingException("task " + taskId + " has no registration in the read model yet");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the timeline of task " + taskId, e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change the timeline: " + e.getMessage(), e);
        }
    }
}
