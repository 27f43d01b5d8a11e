package org.duallist.query.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.TaskList;
import org.duallist.platform.metrics.MetricNames;
import org.duallist.query.TaskEvents;
import org.duallist.query.query.OverdueTasksMetrics;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.KafkaTestClient;
import org.duallist.testing.ScrapedMetrics;
import org.junit.jupiter.api.Test;

/**
 * What Prometheus scrapes from the query service, over the real broker and database: the projections
 * apply the registration and progress topics' events, counted by topic, and are caught up again, and
 * the overdue tasks of a region are counted from the read model.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class MetricsTest {

    /** 昌吉市: a region no other test of this service files in. */
    private static final String REGION = "652301";
    private static final Map<String, String> REGISTRATION_TOPIC =
            Map.of("group", "dual-list.query", "topic", EventTypes.TASK_FILED.topic());
    private static final Map<String, String> PROGRESS_TOPIC =
            Map.of("group", "dual-list.query", "topic", EventTypes.PROGRESS_REPORTED.topic());

    @Inject
    OverdueTasksMetrics overdueTasks;

    @Test
    void metricsAreServedWithoutAToken() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("# TYPE " + MetricNames.PROJECTION_RECORDS_BEHIND + " gauge"));
    }

    @Test
    void theProjectionCatchesUpAndOverdueTasksAreCountedByRegion() {
        ScrapedMetrics before = ScrapedMetrics.scrape();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        UUID late = UUID.randomUUID();
        UUID alsoLate = UUID.randomUUID();
        UUID onTime = UUID.randomUUID();
        new KafkaTestClient().publishAll(List.of(
                TaskEvents.filed(late, REGION, TaskList.SUPPORT_THE_MILITARY, "营区饮水工程", "昌吉军分区"),
                TaskEvents.registered(late, "昌吉市水务局", today.minusDays(10)),
                TaskEvents.filed(alsoLate, REGION, TaskList.SUPPORT_THE_PEOPLE, "抗旱打井", "昌吉市人民政府"),
                TaskEvents.registered(alsoLate, "昌吉军分区", today.minusDays(1)),
                TaskEvents.filed(onTime, REGION, TaskList.SUPPORT_THE_MILITARY, "随军家属就业", "昌吉军分区"),
                TaskEvents.registered(onTime, "昌吉市人力资源和社会保障局", today.plusDays(30)),
                TaskEvents.progressReported(onTime, 20, 0)));

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            overdueTasks.refresh();
            ScrapedMetrics metrics = ScrapedMetrics.scrape();
            assertThat(metrics.value(MetricNames.OVERDUE_TASKS, Map.of("region", REGION, "service", "query"))).isEqualTo(2);
            assertThat(metrics.count(MetricNames.PROJECTION_EVENTS_APPLIED, REGISTRATION_TOPIC)
                    - before.count(MetricNames.PROJECTION_EVENTS_APPLIED, REGISTRATION_TOPIC)).isGreaterThanOrEqualTo(6);
            assertThat(metrics.value(MetricNames.PROJECTION_RECORDS_BEHIND, REGISTRATION_TOPIC)).isZero();
            assertThat(metrics.value(MetricNames.PROJECTION_LAG, REGISTRATION_TOPIC)).isZero();
            assertThat(metrics.value(MetricNames.CONSUMER_ASSIGNED_PARTITIONS, REGISTRATION_TOPIC)).isPositive();
            // one consumer reads every topic: its events are counted by the topic each came from
            assertThat(metrics.count(MetricNames.PROJECTION_EVENTS_APPLIED, PROGRESS_TOPIC)
                    - before.count(MetricNames.PROJECTION_EVENTS_APPLIED, PROGRESS_TOPIC)).isGreaterThanOrEqualTo(1);
            assertThat(metrics.value(MetricNames.PROJECTION_RECORDS_BEHIND, PROGRESS_TOPIC)).isZero();
        });
        assertThat(overdueTasks.countByRegion()).containsEntry(REGION, 2L);
    }
}
