package org.duallist.query.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.duallist.contracts.AuditOutcome;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.WarningLight;

/**
 * The ledger (工作台账) row by row, from the stretch of each task in force on the day, so that a
 * 100,000-row ledger is read in batches (a cursor) and written out as it comes, never held whole.
 */
@ApplicationScoped
public class LedgerQueries {

    /** Rows fetched from the database at a time. */
    private static final int FETCH_SIZE = 500;

    private final EntityManager entityManager;

    LedgerQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Hands every row of the ledger to {@code sink}, by list, region and registration, in one read-only transaction. */
    @Transactional
    public void forEachRow(FindLedgerQuery query, Consumer<LedgerRow> sink) {
        DayScope scope = new DayScope(query.asOf())
                .readableBy(query.reader())
                .region(query.region())
                .list(query.list())
                .year(query.year());
        Query rows = entityManager.createNativeQuery("SELECT t.id, t.list, t.region_code, t.title, t.content, t.category,"
                + " t.requester_unit, p.responsible_unit,"
                + " (SELECT string_agg(c.unit, '、' ORDER BY c.position) FROM task_co_unit c WHERE c.task_id = t.id),"
                + " p.deadline, t.percent, t.status, t.light, p.grade_rank, p.open, p.closed, " + DayScope.COMPLETED + ","
                + " " + DayScope.OVERDUE + ", " + DayScope.DAYS_OVERDUE + ", t.original_deadline, t.extension_count,"
                + " p.reopenings, t.last_audit_outcome"
                + scope.fromWhere() + " ORDER BY t.list, t.region_code, t.registered_at, t.id")
                .setHint("org.hibernate.fetchSize", FETCH_SIZE)
                .setHint("org.hibernate.readOnly", true);
        scope.parameters().forEach(rows::setParameter);
        try (Stream<?> results = rows.getResultStream()) {
            results.forEach(result -> sink.accept(row((Object[]) result, query.current())));
        }
    }

    private static LedgerRow row(Object[] c, boolean current) {
        boolean open = (Boolean) c[14];
        boolean closed = (Boolean) c[15];
        boolean completed = (Boolean) c[16];
        boolean overdue = (Boolean) c[17];
        long daysOverdue = ((Number) c[18]).longValue();
        LocalDate deadline = TaskQueries.toLocalDate(c[9]);
        int gradeRank = ((Number) c[13]).intValue();
        TaskStatus status = TaskStatus.valueOf((String) c[11]);
        WarningLight light = current
                ? (open && c[12] != null ? WarningLight.valueOf((String) c[12]) : null)
                : (overdue ? WarningLight.RED : null);
        String statusName = current ? statusName(status) : !open && !closed ? "已撤销" : closed ? "已销号"
                : completed ? "已验收" : "办理中";
        StringBuilder remarks = new StringBuilder();
        if (overdue) {
            remarks.append("逾期").append(daysOverdue).append("天");
        }
        LocalDate originalDeadline = c[19] == null ? deadline : TaskQueries.toLocalDate(c[19]);
        if (!originalDeadline.equals(deadline)) {
            int extensions = ((Number) c[20]).intValue();
            append(remarks, "延期" + (current && extensions > 0 ? extensions + "次" : "") + "（原完成时限" + originalDeadline + "）");
        }
        int reopenings = ((Number) c[21]).intValue();
        if (reopenings > 0) {
            append(remarks, "重新办理" + reopenings + "次");
        }
        if (current && c[22] != null) {
            append(remarks, AuditOutcome.valueOf((String) c[22]) == AuditOutcome.PASSED ? "核查通过" : "核查未通过");
        }
        return new LedgerRow((UUID) c[0], TaskList.valueOf((String) c[1]), (String) c[2], (String) c[3], (String) c[4],
                TaskCategory.valueOf((String) c[5]), (String) c[6], (String) c[7], c[8] == null ? "" : (String) c[8],
                deadline, current ? Integer.valueOf(((Number) c[10]).intValue()) : null, statusName, light,
                gradeRank == 0 ? null : SupervisionGrade.values()[gradeRank - 1], remarks.toString());
    }

    private static void append(StringBuilder remarks, String remark) {
        if (!remarks.isEmpty()) {
            remarks.append("；");
        }
        remarks.append(remark);
    }

    /** 状态 as offices write it. */
    private static String statusName(TaskStatus status) {
        return switch (status) {
            case SUBMITTED -> "已提报";
            case REGISTERED -> "已立项交办";
            case DECLINED -> "不予立项";
            case CLAIMED -> "已签收";
            case RETURNED -> "已退回";
            case WITHDRAWN -> "已撤销";
            case IN_PROGRESS -> "办理中";
            case COMPLETION_REPORTED -> "已办结待验收";
            case ACCEPTED -> "已验收";
            case CLOSED -> "已销号";
        };
    }
}
