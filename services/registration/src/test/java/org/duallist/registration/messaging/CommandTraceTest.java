package org.duallist.registration.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.duallist.contracts.CloudEventsKafkaBinding;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.Topics;
import org.duallist.platform.tracing.CommandLogContext;
import org.duallist.platform.tracing.EventSpans;
import org.duallist.platform.tracing.TaskLogContext;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.KafkaTestClient;
import org.duallist.testing.LogCapture;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * One trace from a REST command through the event store to Kafka: the event-store publisher's span
 * continues the trace of the request that stored the event, and hands it on in {@code ce_traceparent}.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "registration"))
class CommandTraceTest {

    private static final String REQUESTER_UNIT = "呼和浩特警备区政治工作处";

    @Inject
    InMemorySpanExporter spans;

    private final KafkaTestClient kafka = new KafkaTestClient();

    @Test
    void theCommandsTraceRunsThroughTheEventStoreIntoTheKafkaRecord() {
        String taskId;
        List<LogCapture.Line> commandLines;
        try (LogCapture commandLog = LogCapture.of(CommandLogContext.class)) {
            taskId = given().auth().oauth2(TestTokens.militaryUnit(REQUESTER_UNIT, "150100"))
                    .contentType(ContentType.JSON).body(Map.of(
                            "list", "SUPPORT_THE_MILITARY",
                            "regionCode", "150102",
                            "year", LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear(),
                            "title", "随军家属就业（追踪）",
                            "content", "为驻地部队随军家属协调就业岗位",
                            "category", "SPOUSE_EMPLOYMENT",
                            "requesterUnit", REQUESTER_UNIT,
                            "contactName", "王参谋",
                            "contactPhone", "0471-6901234"))
                    .when().post("/api/tasks")
                    .then().statusCode(201)
                    .extract().path("id");
            String filed = taskId;
            commandLines = commandLog.lines().stream()
                    .filter(line -> filed.equals(line.mdc().get(TaskLogContext.TASK_ID)))
                    .toList();
        }
        String id = taskId;

        SpanData publish = await().atMost(Duration.ofSeconds(30)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("publish " + EventTypes.TASK_FILED.name()))
                .filter(span -> id.equals(span.getAttributes().get(EventSpans.TASK_ID)))
                .findFirst().orElse(null), span -> span != null);
        SpanData request = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER && span.getTraceId().equals(publish.getTraceId()))
                .findFirst().orElse(null), span -> span != null);

        assertThat(request.getName()).isEqualTo("POST /api/tasks");
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(publish.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(publish.getAttributes().asMap().toString())
                .contains("messaging.system=kafka", "messaging.destination.name=" + Topics.REGISTRATION);

        KafkaTestClient.ReadEvent record = kafka.readAll(Topics.REGISTRATION, Duration.ofSeconds(10)).stream()
                .filter(event -> id.equals(event.key()))
                .findFirst().orElseThrow();
        assertThat(record.headers()).containsEntry(CloudEventsKafkaBinding.HEADER_TRACEPARENT,
                "00-" + publish.getTraceId() + "-" + publish.getSpanId() + "-01");

        assertThat(commandLines).as("log lines about the task while its command was handled")
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line.mdc()).containsEntry("traceId", request.getTraceId()));
    }
}
