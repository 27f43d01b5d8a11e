package org.duallist.query.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.RegionCode;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;

/**
 * The SQL conditions that pick registered tasks as they stood on one business day: the stretch of
 * {@code task_period p} in force that day, narrowed by the reader's scope and the asked filters.
 * Shared by the overdue list and the statistics so that both count alike. The same scope over
 * {@code task t} alone ({@link #currentTasks()}) picks the tasks as they are now, for what only
 * today's state has.
 */
final class DayScope {

    /**
     * The day's stretch of each task. The stretch carries the task's scope (region, list, category, year,
     * requester), so that the conditions below need no join and the questions that read nothing else
     * ({@link #periodsFromWhere()}) are answered from task_period's indexes alone.
     */
    static final String DAY = " WHERE p.valid_from <= :day AND (p.valid_to IS NULL OR p.valid_to > :day)";
    /** The day's stretches. */
    static final String FROM = " FROM task_period p" + DAY;
    /** {@link #FROM} with each stretch's task ({@code t}), for what only the task knows (title, light, percent). */
    static final String FROM_WITH_TASK = " FROM task_period p JOIN task t ON t.id = p.task_id" + DAY;
    /** {@link #FROM} with each task's supervision notices ({@code n}) joined. */
    static final String FROM_WITH_NOTICES = " FROM supervision_notice n JOIN task_period p ON p.task_id = n.task_id" + DAY;
    static final String COMPLETED = "(p.acceptances > p.reopenings)";
    static final String OVERDUE = "(p.open AND NOT " + COMPLETED + " AND p.deadline < :day)";
    static final String DAYS_OVERDUE = "(CAST(:day AS date) - p.deadline)";

    /** A task's scope columns have the same names on both tables. */
    private final String alias;
    private final String taskId;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    DayScope(LocalDate day) {
        this("p", "p.task_id");
        parameters.put("day", day);
    }

    private DayScope(String alias, String taskId) {
        this.alias = alias;
        this.taskId = taskId;
    }

    /**
     * The tasks as they are now, in {@code task t} alone ({@link #tasksFromWhere()}): today's warning
     * lights are only there, and joining every stretch to its task to count them cost the statistics
     * of 100,000 tasks more than everything else together.
     */
    static DayScope currentTasks() {
        return new DayScope("t", "t.id");
    }

    /** Offices and leaders read their region; units the tasks they requested or are (co-)responsible for. */
    DayScope readableBy(Actor reader) {
        if (reader.role() == ActorRole.UNIT) {
            condition("(" + alias + ".requester_unit = :readerUnit OR " + alias + ".responsible_unit = :readerUnit"
                    + " OR EXISTS (SELECT 1 FROM task_co_unit c WHERE c.task_id = " + taskId + " AND c.unit = :readerUnit))",
                    "readerUnit", reader.unit());
            return this;
        }
        return region(reader.region(), "readerRegion");
    }

    DayScope region(String code) {
        return region(code, "region");
    }

    private DayScope region(String code, String parameter) {
        if (code == null) {
            return this;
        }
        switch (RegionCode.level(code)) {
            case PROVINCE -> condition(alias + ".province_prefix = :" + parameter, parameter, RegionCode.scopePrefix(code));
            case CITY -> condition(alias + ".city_prefix = :" + parameter, parameter, RegionCode.scopePrefix(code));
            case COUNTY -> condition(alias + ".region_code = :" + parameter, parameter, code);
        }
        return this;
    }

    DayScope list(TaskList list) {
        return list == null ? this : condition(alias + ".list = :list", "list", list.name());
    }

    DayScope category(TaskCategory category) {
        return category == null ? this : condition(alias + ".category = :category", "category", category.name());
    }

    DayScope year(Integer year) {
        return year == null ? this : condition(alias + ".year = :year", "year", year);
    }

    DayScope responsibleUnit(String unit) {
        return unit == null ? this : condition(alias + ".responsible_unit = :responsibleUnit", "responsibleUnit", unit);
    }

    DayScope condition(String sql) {
        conditions.add(sql);
        return this;
    }

    DayScope condition(String sql, String name, Object value) {
        conditions.add(sql);
        parameters.put(name, value);
        return this;
    }

    /** The tasks with every condition (of a scope made by {@link #currentTasks()}). */
    String tasksFromWhere() {
        requireAlias("t");
        return " FROM task t WHERE TRUE" + where();
    }

    /** {@link #FROM_WITH_TASK} with every condition. */
    String fromWhere() {
        requireAlias("p");
        return FROM_WITH_TASK + where();
    }

    /** {@link #FROM} with every condition: the stretches alone. */
    String periodsFromWhere() {
        requireAlias("p");
        return FROM + where();
    }

    /** {@link #FROM_WITH_NOTICES} with every condition. */
    String noticesFromWhere() {
        requireAlias("p");
        return FROM_WITH_NOTICES + where();
    }

    /** Conditions written for one table make no sense on the other. */
    private void requireAlias(String expected) {
        if (!alias.equals(expected)) {
            throw new IllegalStateException("a scope of " + alias + " read as one of " + expected);
        }
    }

    private String where() {
        return conditions.isEmpty() ? "" : " AND " + String.join(" AND ", conditions);
    }

    Map<String, Object> parameters() {
        return parameters;
    }
}
