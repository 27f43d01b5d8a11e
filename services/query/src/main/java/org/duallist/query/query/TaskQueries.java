package org.duallist.query.query;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.stream.Collectors;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.WarningLight;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.RegionCode;

/** Answers the leaders' queries from the read model and its timeline, on indexed columns. */
@ApplicationScoped
public class TaskQueries {

    private final EntityManager entityManager;

    TaskQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

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

    /** The task with its notices and audits. */
    public Optional<TaskDetail> findDetail(UUID id) {
        return findById(id).map(task -> new TaskDetail(task,
                SupervisionNoticeRecord.<SupervisionNoticeRecord>list("taskId", Sort.by("issuedOn").and("issuedAt"), id)
                        .stream().map(NoticeView::of).toList(),
                TaskAuditRecord.<TaskAuditRecord>list("taskId", Sort.by("auditedAt"), id)
                        .stream().map(AuditView::of).toList()));
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
        LocalDate day = query.asOf();
        DayScope scope = new DayScope(day)
                .readableBy(query.reader())
                .condition(DayScope.OVERDUE)
                .list(query.list())
                .region(query.region())
                .responsibleUnit(query.responsibleUnit())
                .category(query.category())
                .year(query.year());
        if (query.grade() != null) {
            scope.condition("p.grade_rank = :gradeRank", "gradeRank", query.grade().ordinal() + 1);
        }
        if (query.minDaysOverdue() != null) {
            scope.condition(DayScope.DAYS_OVERDUE + " >= :minDays", "minDays", query.minDaysOverdue());
        }
        String order = query.sortByGrade()
                ? " ORDER BY p.grade_rank DESC, p.deadline ASC, p.task_id"
                : " ORDER BY p.deadline ASC, p.grade_rank DESC, p.task_id";
        // the page and its count from the stretches alone; the page's 100 tasks are read after, by id
        Query rows = entityManager.createNativeQuery(
                "SELECT p.task_id, p.deadline, p.responsible_unit, p.grade_rank" + scope.periodsFromWhere() + order
                        + " LIMIT :limit OFFSET :offset");
        scope.parameters().forEach(rows::setParameter);
        rows.setParameter("limit", query.size()).setParameter("offset", (long) query.page() * query.size());
        Query count = entityManager.createNativeQuery("SELECT count(*)" + scope.periodsFromWhere());
        scope.parameters().forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();

        @SuppressWarnings("unchecked")
        List<Object[]> found = rows.getResultList();
        List<UUID> ids = found.stream().map(row -> (UUID) row[0]).toList();
        Map<UUID, TaskRecord> tasks = ids.isEmpty() ? Map.of()
                : TaskRecord.<TaskRecord>list("id in ?1", ids).stream().collect(Collectors.toMap(t -> t.id, t -> t));
        Map<UUID, NoticeView> lastNotices = lastNotices(ids, day);
        List<OverdueTask> items = new ArrayList<>();
        for (Object[] row : found) {
            TaskRecord task = tasks.get((UUID) row[0]);
            LocalDate deadline = toLocalDate(row[1]);
            int gradeRank = ((Number) row[3]).intValue();
            NoticeView lastNotice = lastNotices.get(task.id);
            items.add(new OverdueTask(task.id, task.taskList, task.regionCode, task.listYear, task.title,
                    task.category, task.requesterUnit, (String) row[2], List.copyOf(task.coUnits), task.status, deadline,
                    ChronoUnit.DAYS.between(deadline, day), WarningLight.RED,
                    gradeRank == 0 ? null : SupervisionGrade.values()[gradeRank - 1],
                    lastNotice, lastNotice != null && lastNotice.replyLateOn(day)));
        }
        return new OverduePage(day, items, query.page(), query.size(), total,
                (int) ((total + query.size() - 1) / query.size()));
    }

    /** Each task's last notice issued by {@code day}, as it stood at the end of that day. */
    private static Map<UUID, NoticeView> lastNotices(List<UUID> taskIds, LocalDate day) {
        if (taskIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, NoticeView> last = new HashMap<>();
        SupervisionNoticeRecord.<SupervisionNoticeRecord>list("taskId in ?1 and issuedOn <= ?2",
                        Sort.by("issuedOn").and("issuedAt"), taskIds, day)
                .forEach(notice -> last.put(notice.taskId, NoticeView.of(notice).asOf(day)));
        return last;
    }

    static LocalDate toLocalDate(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        throw new IllegalStateException("not a date: " + value);
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
