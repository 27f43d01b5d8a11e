package org.duallist.query.query;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.RegionCode;

/** Answers the leaders' queries from the read model, on indexed columns only. */
@ApplicationScoped
public class TaskQueries {

    /** API sort names and the columns behind them. */
    public static final Map<String, String> SORTABLE = Map.of(
            "filedAt", "filedAt",
            "registeredAt", "registeredAt",
            "deadline", "deadline",
            "updatedAt", "updatedAt",
            "title", "title",
            "year", "listYear",
            "status", "status");

    public Optional<TaskSummary> findById(UUID id) {
        return TaskRecord.<TaskRecord>findByIdOptional(id).map(TaskSummary::of);
    }

    /** The task's audit trail in the order things happened. */
    public List<HistoryStep> history(UUID taskId) {
        return TaskHistoryEntry.<TaskHistoryEntry>find("taskId", Sort.by("occurredAt").and("id"), taskId)
                .stream().map(HistoryStep::of).toList();
    }

    public Page<TaskSummary> find(FindTasksQuery query) {
        Filter filter = new Filter();
        filter.readableBy(query.reader());
        filter.equal("taskList", query.list());
        filter.region(query.region());
        filter.equal("responsibleUnit", query.responsibleUnit());
        filter.equal("requesterUnit", query.requesterUnit());
        filter.equal("listYear", query.year());
        filter.equal("status", query.status());
        filter.equal("category", query.category());

        PageRequest page = query.page();
        String column = SORTABLE.get(page.sortField());
        Sort sort = Sort.by(column, page.ascending() ? Sort.Direction.Ascending : Sort.Direction.Descending)
                .and("id");
        var found = TaskRecord.<TaskRecord>find(filter.jpql(), sort, filter.parameters())
                .page(io.quarkus.panache.common.Page.of(page.page(), page.size()));
        List<TaskSummary> items = found.list().stream().map(TaskSummary::of).toList();
        return Page.of(items, page.page(), page.size(), found.count());
    }

    public OverduePage findOverdue(FindOverdueTasksQuery query) {
        Filter filter = new Filter();
        filter.readableBy(query.reader());
        filter.condition("open = true");
        filter.condition("deadline < :asOf", "asOf", query.asOf());
        filter.equal("taskList", query.list());
        filter.region(query.region());
        filter.equal("responsibleUnit", query.responsibleUnit());
        filter.equal("listYear", query.year());

        var found = TaskRecord.<TaskRecord>find(filter.jpql(), Sort.by("deadline").and("id"), filter.parameters())
                .page(io.quarkus.panache.common.Page.of(query.page(), query.size()));
        List<OverdueTask> items = found.list().stream()
                .map(task -> new OverdueTask(task.id, task.taskList, task.regionCode, task.listYear, task.title,
                        task.category, task.requesterUnit, task.responsibleUnit, List.copyOf(task.coUnits),
                        task.status, task.deadline, ChronoUnit.DAYS.between(task.deadline, query.asOf())))
                .toList();
        long total = found.count();
        return new OverduePage(query.asOf(), items, query.page(), query.size(), total,
                (int) ((total + query.size() - 1) / query.size()));
    }

    /** A conjunction of conditions with named parameters; absent filters add nothing. */
    private static final class Filter {
        private final List<String> conditions = new ArrayList<>();
        private final Parameters parameters = new Parameters();

        void equal(String field, Object value) {
            if (value != null) {
                condition(field + " = :" + field, field, value);
            }
        }

        void region(String code) {
            region(code, "region");
        }

        /** Offices and leaders read their region; units the tasks they requested or are (co-)responsible for. */
        void readableBy(Actor reader) {
            if (reader.role() == ActorRole.UNIT) {
                condition("(requesterUnit = :readerUnit or responsibleUnit = :readerUnit or :readerUnit member of coUnits)",
                        "readerUnit", reader.unit());
            } else {
                region(reader.region(), "readerRegion");
            }
        }

        private void region(String code, String parameter) {
            if (code == null) {
                return;
            }
            switch (RegionCode.level(code)) {
                case PROVINCE -> condition("provincePrefix = :" + parameter, parameter, RegionCode.scopePrefix(code));
                case CITY -> condition("cityPrefix = :" + parameter, parameter, RegionCode.scopePrefix(code));
                case COUNTY -> condition("regionCode = :" + parameter, parameter, code);
            }
        }

        void condition(String jpql) {
            conditions.add(jpql);
        }

        void condition(String jpql, String name, Object value) {
            conditions.add(jpql);
            parameters.and(name, value);
        }

        String jpql() {
            return conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
        }

        Map<String, Object> parameters() {
            return parameters.map();
        }
    }
}
