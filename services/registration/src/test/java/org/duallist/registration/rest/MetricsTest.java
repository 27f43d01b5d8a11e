package org.duallist.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.duallist.contracts.Topics;
import org.duallist.platform.metrics.MetricNames;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.ScrapedMetrics;
import org.junit.jupiter.api.Test;

/**
 * What Prometheus scrapes from the registration service, over the real database and broker: the
 * command timer moves by command and outcome, the publisher's lag returns to nothing once Kafka has
 * the events, and the consumer's and Kafka's own client metrics are there.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "registration"))
class MetricsTest {

    private static final Map<String, String> FILED = Map.of("command", "FileTask", "outcome", MetricNames.ACCEPTED);
    private static final Map<String, String> DECLINED = Map.of("command", "DeclineTask", "outcome", MetricNames.ACCEPTED);
    private static final Map<String, String> REGISTRATION_REFUSED = Map.of("command", "RegisterTask", "outcome", MetricNames.REJECTED);

    @Test
    void metricsAreServedAsPrometheusTextWithoutAToken() {
        given().when().get("/q/metrics").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/openmetrics-text"))
                .body(org.hamcrest.Matchers.containsString("# TYPE " + MetricNames.COMMANDS + " histogram"));
    }

    @Test
    void theClassicTextFormatIsServedToWhoAsksForIt() {
        given().accept("text/plain").when().get("/q/metrics").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/plain"))
                .body(org.hamcrest.Matchers.containsString("# TYPE " + MetricNames.PUBLISHER_LAG + " gauge"));
    }

    @Test
    void commandsAreTimedByCommandAndOutcome() {
        ScrapedMetrics before = ScrapedMetrics.scrape();
        String id = TaskResourceTest.file("随军家属就业");
        TaskResourceTest.office().contentType(ContentType.JSON).body(Map.of("reason", "不属于部队职责"))
                .when().post("/api/tasks/" + id + "/decline").then().statusCode(200);
        TaskResourceTest.office().contentType(ContentType.JSON)
                .body(TaskResourceTest.registration(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30)))
                .when().post("/api/tasks/" + id + "/registration").then().statusCode(409);

        ScrapedMetrics after = ScrapedMetrics.scrape();
        String count = MetricNames.COMMANDS + "_count";
        assertThat(after.count(count, FILED) - before.count(count, FILED)).isEqualTo(1);
        assertThat(after.count(count, DECLINED) - before.count(count, DECLINED)).isEqualTo(1);
        assertThat(after.count(count, REGISTRATION_REFUSED) - before.count(count, REGISTRATION_REFUSED)).isEqualTo(1);
        assertThat(after.value(count, Map.of("command", "FileTask", "service", "registration"))).isPositive();
        assertThat(after.value(MetricNames.COMMANDS + "_sum", FILED)).isPositive();
        // the histogram's buckets are there for percentiles: the largest one holds every command
        assertThat(after.value(MetricNames.COMMANDS + "_bucket", Map.of("command", "FileTask", "outcome", "accepted", "le", "+Inf")))
                .isEqualTo(after.value(count, FILED));
    }

    @Test
    void thePublisherLagReturnsToNothingOnceKafkaHasTheEvents() {
        TaskResourceTest.file("营区供暖");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            ScrapedMetrics metrics = ScrapedMetrics.scrape();
            assertThat(metrics.value(MetricNames.PUBLISHER_LAG, Map.of("service", "registration"))).isZero();
            assertThat(metrics.value(MetricNames.PUBLISHER_POSITION, Map.of())).isPositive();
        });
    }

    @Test
    void theConsumerReportsItsTopicsAndKafkasOwnClientMetrics() {
        // the publisher creates its producer, and with it the producer's metrics, on its first event: make
        // sure there was one, whichever test class ran first in this JVM
        TaskResourceTest.file("营区绿化");
        String topic = Topics.PROGRESS;
        Map<String, String> consumption = Map.of("group", "dual-list.registration", "topic", topic);
        // The consumer's first assignment may wait for the group to drop a member of an earlier test application
        // (session timeout 10 s) and a rebalance, and the binding looks for new metrics every 10 s. (records-lag-max is
        // NaN while no record came for a minute, which ScrapedMetrics.has once took for absent: CI failed twice.)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            ScrapedMetrics metrics = ScrapedMetrics.scrape();
            assertThat(metrics.value(MetricNames.PROJECTION_RECORDS_BEHIND, consumption)).isZero();
            assertThat(metrics.value(MetricNames.PROJECTION_LAG, consumption)).isZero();
            assertThat(metrics.value(MetricNames.CONSUMER_ASSIGNED_PARTITIONS, consumption)).isPositive();
            assertThat(metrics.has(MetricNames.PROJECTION_EVENTS_APPLIED, consumption)).isTrue();
            assertThat(metrics.has(MetricNames.KAFKA_CONSUMER_RECORDS_LAG_MAX, Map.of("group", "dual-list.registration"))).isTrue();
            assertThat(metrics.has(MetricNames.KAFKA_PRODUCER_RECORD_ERROR_RATE, Map.of())).isTrue();
        });
    }
}
