package org.duallist.query.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duallist.contracts.CloudEventsKafkaBinding;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.Topics;
import org.duallist.platform.messaging.KafkaEventConsumer;
import org.duallist.platform.tracing.EventSpans;
import org.duallist.platform.tracing.TaskLogContext;
import org.duallist.query.TaskEvents;
import org.duallist.query.query.TaskRecord;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.LogCapture;
import org.junit.jupiter.api.Test;

/** A record's ce_traceparent makes the projection's work on it part of the trace that published it. */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class EventTraceTest {

    private static final String PUBLISHER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PUBLISHER_SPAN = "00f067aa0ba902b7";

    @Inject
    InMemorySpanExporter spans;

    private final CloudEventsKafkaBinding binding = new CloudEventsKafkaBinding();

    @Test
    void anEventIsAppliedInAChildOfThePublishersSpanWithItsTaskInTheLogContext() {
        UUID taskId = UUID.randomUUID();
        EventEnvelope filed = TaskEvents.filed(taskId, "150102", TaskList.SUPPORT_THE_MILITARY, "随军家属就业（追踪）", "新城区人民武装部");
        Map<String, String> headers = new HashMap<>(binding.headers(filed));
        headers.put(CloudEventsKafkaBinding.HEADER_TRACEPARENT, "00-" + PUBLISHER_TRACE + "-" + PUBLISHER_SPAN + "-01");
        headers.put(CloudEventsKafkaBinding.HEADER_TRACESTATE, "dual-list=test");

        SpanData apply;
        List<LogCapture.Line> consumerLines;
        try (LogCapture consumerLog = LogCapture.of(KafkaEventConsumer.class)) {
            new org.duallist.testing.KafkaTestClient().publishRecord(Topics.REGISTRATION, binding.key(filed), headers,
                    binding.value(filed));
            apply = await().atMost(Duration.ofSeconds(30)).until(() -> spans.getFinishedSpanItems().stream()
                    .filter(span -> taskId.toString().equals(span.getAttributes().get(EventSpans.TASK_ID)))
                    .findFirst().orElse(null), span -> span != null);
            consumerLines = consumerLog.lines().stream()
                    .filter(line -> taskId.toString().equals(line.mdc().get(TaskLogContext.TASK_ID)))
                    .toList();
        }

        assertThat(apply.getName()).isEqualTo("apply " + EventTypes.TASK_FILED.name());
        assertThat(apply.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(apply.getTraceId()).isEqualTo(PUBLISHER_TRACE);
        assertThat(apply.getParentSpanId()).isEqualTo(PUBLISHER_SPAN);
        assertThat(apply.getParentSpanContext().isRemote()).isTrue();
        assertThat(apply.getSpanContext().getTraceState().get("dual-list")).isEqualTo("test");
        assertThat(apply.getAttributes().asMap().toString()).contains(
                "messaging.system=kafka", "messaging.destination.name=" + Topics.REGISTRATION,
                "messaging.consumer.group.name=dual-list.query");
        assertThat(QuarkusTransaction.requiringNew().call(() -> TaskRecord.<TaskRecord>findById(taskId))).isNotNull();

        assertThat(consumerLines).as("the consumer's lines about the task").isNotEmpty().allSatisfy(line -> {
            assertThat(line.mdc()).containsEntry("traceId", PUBLISHER_TRACE);
            assertThat(line.mdc()).containsEntry("spanId", apply.getSpanId());
        });
    }

    @Test
    void aRecordWithoutTraceContextStartsATraceOfItsOwn() {
        UUID taskId = UUID.randomUUID();
        EventEnvelope filed = TaskEvents.filed(taskId, "150103", TaskList.SUPPORT_THE_MILITARY, "无追踪上下文", "新城区人民武装部");
        new org.duallist.testing.KafkaTestClient().publish(filed);

        SpanData apply = await().atMost(Duration.ofSeconds(30)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> taskId.toString().equals(span.getAttributes().get(EventSpans.TASK_ID)))
                .findFirst().orElse(null), span -> span != null);

        assertThat(apply.getParentSpanContext().isValid()).isFalse();
        assertThat(apply.getTraceId()).isNotEqualTo(PUBLISHER_TRACE);
    }
}
