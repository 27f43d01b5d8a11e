package org.duallist.query.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
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
import org.duallist.platform.messaging.BeforeCommitBatch;
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
 * The task rows the statements refer to may wait for Hibernate's flush at commit ({@code task_period}'s
 * reference to {@code task} is checked at commit).
 *
 * <p>Round trips to the database are what a consumer waits for (JFR of a rebuild: the registration
 * topic's consumer was in this class's statements in 29 of its 69 samples outside Java code), so a transaction's first
 * stretches are inserted together, in one batch, when it commits or before any other change of the
 * timeline in it; and a change is a single statement.
 */
@ApplicationScoped
public class TaskTimeline {

    /** The columns of a stretch after its key and its end: what changes, then the task's scope, which never does. */
    private static final List<String> COLUMNS = List.of("responsible_unit", "deadline", "open", "closed", "acceptances",
            "last_accepted_on", "reopenings", "grade_rank",
            "list", "region_code", "city_prefix", "province_prefix", "year", "category", "requester_unit");
    private static final String INSERT_FIRST_STRETCH = """
            INSERT INTO task_period (task_id, valid_from, responsible_unit, deadline, open, closed,
                                     list, region_code, city_prefix, province_prefix, year, category, requester_unit)
            VALUES (?, ?, ?, ?, TRUE, FALSE, ?, ?, ?, ?, ?, ?, ?)""";

    private final DataSource dataSource;
    /** The current transaction's first stretches not inserted yet. */
    private final BeforeCommitBatch<FirstStretch> firstStretches;

    TaskTimeline(DataSource dataSource, TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.firstStretches = new BeforeCommitBatch<>(transactions, this::insertFirstStretches);
    }

    /**
     * The first stretch of a task just registered, from the day of registration, with the task's unit,
     * deadline and scope as they are now; written when the transaction commits at the latest.
     */
    public void registered(TaskRecord task, LocalDate day) {
        firstStretches.add(new FirstStretch(task.id, day, task.responsibleUnit, task.deadline, task.taskList.name(),
                task.regionCode, task.cityPrefix, task.provincePrefix, task.listYear, task.category.name(), task.requesterUnit));
    }

    /** Sets the given columns from {@code day} on; a column name maps to its new value. */
    public void changeFrom(UUID taskId, LocalDate day, Map<String, Object> columns) {
        List<Assignment> assignments = new ArrayList<>();
        columns.forEach((column, value) -> assignments.add(new Assignment(column, "?", value)));
        change(taskId, day, assignments);
    }

    /** Raises the grade rank to at least {@code rank} from {@code day} on (grades only climb). */
    public void gradeAtLeastFrom(UUID taskId, LocalDate day, int rank) {
        change(taskId, day, List.of(new Assignment("grade_rank", "GREATEST(grade_rank, ?)", rank)));
    }

    /** A column's new value: an SQL expression over the stretch's own columns with one parameter. */
    private record Assignment(String column, String expression, Object value) {
    }

    private record FirstStretch(UUID taskId, LocalDate day, String responsibleUnit, LocalDate deadline, String list,
                                String regionCode, String cityPrefix, String provincePrefix, int year, String category,
                                String requesterUnit) {
    }

    /**
     * In one statement: the stretch that contains {@code day} is cut there and continued from it with the
     * new values (its copy), and the later stretches get them too. The parts of a statement all see the
     * table as it was before it, so the copy is written with the new values rather than updated after;
     * the cut and the later stretches are distinct rows. The statement also says whether the task has a
     * timeline at all.
     *
     * <p>The topics are read independently: a progress or supervision event may come before this service
     * has projected the task's registration. It changes nothing then and fails, and the consumer tries
     * it again later.
     */
    private void change(UUID taskId, LocalDate day, List<Assignment> assignments) {
        for (Assignment assignment : assignments) {
            if (!COLUMNS.contains(assignment.column())) {
                throw new IllegalArgumentException("task_period has no column " + assignment.column());
            }
        }
        firstStretches.flush();
        List<Object> parameters = new ArrayList<>();
        StringBuilder copied = new StringBuilder();
        parameters.add(day);
        for (String column : COLUMNS) {
            Assignment assignment = assignments.stream().filter(a -> a.column().equals(column)).findFirst().orElse(null);
            copied.append(", ");
            if (assignment == null) {
                copied.append(column);
            } else {
                copied.append(assignment.expression());
                parameters.add(assignment.value());
            }
        }
        // the stretch copied, then the cut: the day it now ends on and the same stretch
        parameters.addAll(List.of(taskId, day, day, day, taskId, day, day));
        StringBuilder set = new StringBuilder();
        for (Assignment assignment : assignments) {
            set.append(set.isEmpty() ? "" : ", ").append(assignment.column()).append(" = ").append(assignment.expression());
            parameters.add(assignment.value());
        }
        parameters.addAll(List.of(taskId, day, taskId));
        String sql = "WITH copy AS (INSERT INTO task_period (task_id, valid_from, valid_to, " + String.join(", ", COLUMNS) + ")"
                + " SELECT task_id, ?, valid_to" + copied + " FROM task_period"
                + " WHERE task_id = ? AND valid_from < ? AND (valid_to IS NULL OR valid_to > ?)),"
                + " cut AS (UPDATE task_period SET valid_to = ?"
                + " WHERE task_id = ? AND valid_from < ? AND (valid_to IS NULL OR valid_to > ?)),"
                + " later AS (UPDATE task_period SET " + set + " WHERE task_id = ? AND valid_from >= ?)"
                + " SELECT EXISTS (SELECT 1 FROM task_period WHERE task_id = ?)";
        boolean registered;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                registered = result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change the timeline of task " + taskId + ": " + e.getMessage(), e);
        }
        if (!registered) {
            throw new PrerequisiteMissingException("task " + taskId + " has no registration in the read model yet");
        }
    }

    private void insertFirstStretches(List<FirstStretch> pending) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT_FIRST_STRETCH)) {
            for (FirstStretch stretch : pending) {
                insert.setObject(1, stretch.taskId());
                insert.setObject(2, stretch.day());
                insert.setString(3, stretch.responsibleUnit());
                insert.setObject(4, stretch.deadline());
                insert.setString(5, stretch.list());
                insert.setString(6, stretch.regionCode());
                insert.setString(7, stretch.cityPrefix());
                insert.setString(8, stretch.provincePrefix());
                insert.setInt(9, stretch.year());
                insert.setString(10, stretch.category());
                insert.setString(11, stretch.requesterUnit());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the first stretch of " + pending.size() + " tasks: " + e.getMessage(), e);
        }
    }
}
