package org.duallist.query.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.duallist.platform.metrics.MetricNames;
import org.duallist.platform.time.BusinessClock;

/**
 * The tasks overdue today by county region code, as the overdue list counts them, for
 * {@value MetricNames#OVERDUE_TASKS}. Counted on a schedule, never during a scrape: the count reads
 * every open task's stretch in force today. A region with nothing overdue has no series.
 */
@ApplicationScoped
public class OverdueTasksMetrics {

    private final EntityManager entityManager;
    private final BusinessClock clock;
    private final MultiGauge overdue;

    OverdueTasksMetrics(EntityManager entityManager, BusinessClock clock, MeterRegistry registry) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.overdue = MultiGauge.builder(MetricNames.OVERDUE_TASKS)
                .description("Tasks overdue today (逾期) by county region code, counted every dual-list.metrics.overdue-interval")
                .register(registry);
    }

    @Scheduled(identity = "dual-list-overdue-metrics", every = "${dual-list.metrics.overdue-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        Map<String, Long> byRegion = QuarkusTransaction.requiringNew().call(this::countByRegion);
        overdue.register(byRegion.entrySet().stream()
                .map(region -> MultiGauge.Row.of(Tags.of("region", region.getKey()), region.getValue()))
                .toList(), true);
    }

    /** Tasks overdue today, by the region code of each task; regions without any are absent. */
    public Map<String, Long> countByRegion() {
        DayScope scope = new DayScope(clock.today()).condition(DayScope.OVERDUE);
        Query count = entityManager.createNativeQuery("SELECT p.region_code, count(*)" + scope.periodsFromWhere()
                + " GROUP BY p.region_code");
        scope.parameters().forEach(count::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = count.getResultList();
        Map<String, Long> byRegion = new TreeMap<>();
        rows.forEach(row -> byRegion.put((String) row[0], ((Number) row[1]).longValue()));
        return byRegion;
    }
}
