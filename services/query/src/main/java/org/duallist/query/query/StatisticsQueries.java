package org.duallist.query.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duallist.contracts.RegionCode;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.WarningLight;
import org.duallist.platform.time.BusinessClock;

/**
 * The leaders' statistics from the read model's timeline: every grouping in one pass (GROUPING
 * SETS), the notices by grade in a second, both over the stretch of each task in force on the day.
 */
@ApplicationScoped
public class StatisticsQueries {

    private enum Grouping { UNIT, REGION, LIST, CATEGORY, OVERALL }

    private final EntityManager entityManager;
    private final BusinessClock clock;

    StatisticsQueries(EntityManager entityManager, BusinessClock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    public Statistics find(FindStatisticsQuery query) {
        String region = query.region() != null ? query.region() : query.reader().region();
        DayScope scope = new DayScope(query.asOf())
                .readableBy(query.reader())
                .region(query.region())
                .list(query.list())
                .category(query.category())
                .year(query.year())
                // withdrawn tasks leave the count; declined ones never had a stretch
                .condition("(p.open OR p.closed)");
        // a province's cities side by side, a city's counties (and the city's own tasks)
        String regionKey = RegionCode.level(region) == RegionCode.Level.PROVINCE
                ? "(p.city_prefix || '00')" : "p.region_code";
        String keys = "p.responsible_unit, " + regionKey + ", p.list, p.category";
        String groupingSets = " GROUP BY GROUPING SETS ((p.responsible_unit), (" + regionKey + "), (p.list), (p.category), ())";

        Query figures = entityManager.createNativeQuery("SELECT GROUPING(p.responsible_unit), GROUPING(" + regionKey + "),"
                + " GROUPING(p.list), GROUPING(p.category), " + keys + ", count(*),"
                + " count(*) FILTER (WHERE " + DayScope.COMPLETED + "),"
                + " count(*) FILTER (WHERE p.closed),"
                + " count(*) FILTER (WHERE " + DayScope.COMPLETED + " AND p.last_accepted_on <= p.deadline),"
                + " count(*) FILTER (WHERE " + DayScope.OVERDUE + "),"
                + " COALESCE(avg(" + DayScope.DAYS_OVERDUE + ") FILTER (WHERE " + DayScope.OVERDUE + "), 0)"
                + scope.periodsFromWhere() + groupingSets);
        scope.parameters().forEach(figures::setParameter);

        Query notices = entityManager.createNativeQuery("SELECT GROUPING(p.responsible_unit), GROUPING(" + regionKey + "),"
                + " GROUPING(p.list), GROUPING(p.category), " + keys + ", n.grade, count(*)"
                + scope.noticesFromWhere()
                + " AND n.issued_on <= :day"
                + " GROUP BY GROUPING SETS ((p.responsible_unit, n.grade), (" + regionKey + ", n.grade), (p.list, n.grade),"
                + " (p.category, n.grade), (n.grade))");
        scope.parameters().forEach(notices::setParameter);

        Map<Grouping, Map<String, Map<SupervisionGrade, Long>>> noticeCounts = new EnumMap<>(Grouping.class);
        for (Object row : notices.getResultList()) {
            Object[] columns = (Object[]) row;
            Grouping grouping = grouping(columns);
            noticeCounts.computeIfAbsent(grouping, g -> new HashMap<>())
                    .computeIfAbsent(key(grouping, columns), k -> new EnumMap<>(SupervisionGrade.class))
                    .put(SupervisionGrade.valueOf((String) columns[8]), ((Number) columns[9]).longValue());
        }

        Map<Grouping, List<StatisticsRow>> rows = new EnumMap<>(Grouping.class);
        for (Grouping grouping : Grouping.values()) {
            rows.put(grouping, new ArrayList<>());
        }
        for (Object row : figures.getResultList()) {
            Object[] columns = (Object[]) row;
            Grouping grouping = grouping(columns);
            String key = key(grouping, columns);
            long total = ((Number) columns[8]).longValue();
            long completed = ((Number) columns[9]).longValue();
            long closed = ((Number) columns[10]).longValue();
            long onTime = ((Number) columns[11]).longValue();
            long overdue = ((Number) columns[12]).longValue();
            double averageDays = Math.round(((Number) columns[13]).doubleValue() * 10) / 10.0;
            Map<SupervisionGrade, Long> byGrade = new EnumMap<>(SupervisionGrade.class);
            for (SupervisionGrade grade : SupervisionGrade.values()) {
                Map<String, Map<SupervisionGrade, Long>> groups = noticeCounts.getOrDefault(grouping, new HashMap<>());
                byGrade.put(grade, groups.getOrDefault(key, new EnumMap<>(SupervisionGrade.class)).getOrDefault(grade, 0L));
            }
            rows.get(grouping).add(new StatisticsRow(key, label(grouping, key), total, completed, closed, onTime,
                    StatisticsRow.percent(completed, total), StatisticsRow.percent(onTime, total), overdue, averageDays, byGrade));
        }
        StatisticsRow overall = rows.get(Grouping.OVERALL).stream().findFirst()
                .orElse(new StatisticsRow(null, "合计", 0, 0, 0, 0, 0.0, 0.0, 0, 0.0, emptyGrades()));
        for (Grouping grouping : List.of(Grouping.UNIT, Grouping.REGION, Grouping.LIST, Grouping.CATEGORY)) {
            rows.get(grouping).sort(Comparator.comparing(StatisticsRow::key));
        }
        return new Statistics(query.asOf(), query.year(), region, overall, rows.get(Grouping.UNIT), rows.get(Grouping.REGION),
                rows.get(Grouping.LIST), rows.get(Grouping.CATEGORY), ranking(rows.get(Grouping.UNIT)),
                lights(query, overall));
    }

    /**
     * Open, not completed tasks by light: today's lights are the supervision service's; a past day's
     * were not recorded apart from red, which is what being overdue that day means.
     */
    private Map<String, Long> lights(FindStatisticsQuery query, StatisticsRow overall) {
        Map<String, Long> lights = new LinkedHashMap<>();
        if (query.asOf().isBefore(clock.today())) {
            lights.put(WarningLight.RED.name(), overall.overdue());
            return lights;
        }
        for (WarningLight light : List.of(WarningLight.RED, WarningLight.YELLOW, WarningLight.GREEN)) {
            lights.put(light.name(), 0L);
        }
        // today's (or a later day's) stretch in force is each task's current state
        DayScope scope = DayScope.currentTasks()
                .readableBy(query.reader())
                .region(query.region())
                .list(query.list())
                .category(query.category())
                .year(query.year())
                .condition("t.open AND NOT (t.acceptance_count > t.reopen_count)");
        Query counts = entityManager.createNativeQuery("SELECT COALESCE(t.light, 'NONE'), count(*)" + scope.tasksFromWhere()
                + " GROUP BY COALESCE(t.light, 'NONE')");
        scope.parameters().forEach(counts::setParameter);
        for (Object row : counts.getResultList()) {
            Object[] columns = (Object[]) row;
            lights.put((String) columns[0], ((Number) columns[1]).longValue());
        }
        return lights;
    }

    private static List<UnitRank> ranking(List<StatisticsRow> units) {
        List<StatisticsRow> ordered = new ArrayList<>(units);
        ordered.sort(Comparator.comparingDouble(StatisticsRow::completionRate).reversed()
                .thenComparing(Comparator.comparingDouble(StatisticsRow::onTimeCompletionRate).reversed())
                .thenComparingLong(StatisticsRow::overdue)
                .thenComparingDouble(StatisticsRow::averageDaysOverdue)
                .thenComparing(StatisticsRow::key));
        List<UnitRank> ranking = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            StatisticsRow row = ordered.get(i);
            ranking.add(new UnitRank(i + 1, row.key(), row.completionRate(), row.onTimeCompletionRate(), row.overdue(),
                    row.averageDaysOverdue()));
        }
        return ranking;
    }

    /** Which grouping set a row belongs to: GROUPING() is 0 for the columns it groups by. */
    private static Grouping grouping(Object[] columns) {
        if (flag(columns[0]) == 0) {
            return Grouping.UNIT;
        }
        if (flag(columns[1]) == 0) {
            return Grouping.REGION;
        }
        if (flag(columns[2]) == 0) {
            return Grouping.LIST;
        }
        if (flag(columns[3]) == 0) {
            return Grouping.CATEGORY;
        }
        return Grouping.OVERALL;
    }

    private static int flag(Object value) {
        return ((Number) value).intValue();
    }

    private static String key(Grouping grouping, Object[] columns) {
        return switch (grouping) {
            case UNIT -> (String) columns[4];
            case REGION -> (String) columns[5];
            case LIST -> (String) columns[6];
            case CATEGORY -> (String) columns[7];
            case OVERALL -> null;
        };
    }

    private static String label(Grouping grouping, String key) {
        return switch (grouping) {
            case LIST -> TaskList.valueOf(key).chineseName();
            case CATEGORY -> TaskCategory.valueOf(key).chineseName();
            case OVERALL -> "合计";
            case UNIT, REGION -> key;
        };
    }

    private static Map<SupervisionGrade, Long> emptyGrades() {
        Map<SupervisionGrade, Long> grades = new EnumMap<>(SupervisionGrade.class);
        for (SupervisionGrade grade : SupervisionGrade.values()) {
            grades.put(grade, 0L);
        }
        return grades;
    }
}
