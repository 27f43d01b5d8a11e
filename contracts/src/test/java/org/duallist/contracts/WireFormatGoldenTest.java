package org.duallist.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the wire format: each event type has a golden record (key, ce_* headers, JSON value) of its
 * current revision under {@code golden/}. A change to a record, a type name or the binding fails
 * here, on purpose: a new shape of a payload needs a new revision with its upcaster (the golden file
 * of the revision before stays, see {@link SchemaEvolutionTest}), and a new meaning a new type.
 */
class WireFormatGoldenTest {

    private static final UUID TASK_ID = UUID.fromString("5b1f4c8e-2a37-4d6b-9e0c-1f2a3b4c5d6e");
    private static final Instant AT = Instant.parse("2026-11-20T02:30:00Z");

    private static final Actor REQUESTER = new Actor("wang.canmou", ActorRole.UNIT, "呼和浩特警备区政治工作处", UnitSide.MILITARY, "150100");
    private static final Actor OFFICE = new Actor("li.ganshi", ActorRole.OFFICE, null, null, "150100");
    private static final Actor RESPONSIBLE = new Actor("zhao.kezhang", ActorRole.UNIT, "呼和浩特市人力资源和社会保障局", UnitSide.CIVIL, "150100");

    private final ObjectMapper json = EventJson.newMapper();
    private final CloudEventsKafkaBinding binding = new CloudEventsKafkaBinding();

    /** One event of each type at its current revision, as the golden records hold it. */
    static Stream<EventEnvelope> samples() {
        return Stream.of(
                envelope(EventTypes.TASK_FILED, 0, new TaskFiledEvent(TASK_ID, TaskList.SUPPORT_THE_MILITARY,
                        "150102", 2027, "解决随军家属就业安置", "为驻地部队3名随军家属协调就业岗位",
                        TaskCategory.SPOUSE_EMPLOYMENT, "呼和浩特警备区政治工作处", new Contact("王参谋", "0471-6901234"), AT, REQUESTER)),
                envelope(EventTypes.TASK_REGISTERED, 1, new TaskRegisteredEvent(TASK_ID, "呼和浩特市人力资源和社会保障局",
                        List.of("呼和浩特市退役军人事务局", "新城区人民政府"), LocalDate.of(2027, 6, 30),
                        "岗位与家属专业相符，家属满意", AT.plusSeconds(86_400), OFFICE)),
                envelope(EventTypes.TASK_DECLINED, 1, new TaskDeclinedEvent(TASK_ID,
                        "不属于地方职责范围，建议部队内部解决", AT.plusSeconds(3_600), OFFICE)),
                envelope(EventTypes.TASK_CLAIMED, 2, new TaskClaimedEvent(TASK_ID, AT.plusSeconds(172_800), RESPONSIBLE)),
                envelope(EventTypes.TASK_RETURNED, 2, new TaskReturnedEvent(TASK_ID, "该事项属于教育部门职责",
                        AT.plusSeconds(172_800), RESPONSIBLE)),
                envelope(EventTypes.TASK_REASSIGNED, 3, new TaskReassignedEvent(TASK_ID, "呼和浩特市教育局",
                        List.of("新城区人民政府"), LocalDate.of(2027, 8, 31), AT.plusSeconds(259_200), OFFICE)),
                envelope(EventTypes.TASK_WITHDRAWN, 2, new TaskWithdrawnEvent(TASK_ID, "部队已自行解决",
                        AT.plusSeconds(259_200), REQUESTER)),
                envelope(EventTypes.EXTENSION_REQUESTED, 3, new ExtensionRequestedEvent(TASK_ID, LocalDate.of(2027, 9, 30),
                        "用人单位招聘计划推迟", AT.plusSeconds(259_200), RESPONSIBLE)),
                envelope(EventTypes.EXTENSION_APPROVED, 4, new ExtensionApprovedEvent(TASK_ID, LocalDate.of(2027, 6, 30),
                        LocalDate.of(2027, 9, 30), AT.plusSeconds(345_600), OFFICE)),
                envelope(EventTypes.EXTENSION_REFUSED, 4, new ExtensionRefusedEvent(TASK_ID, "理由不充分，请按期办结",
                        AT.plusSeconds(345_600), OFFICE)),
                envelope(EventTypes.TASK_CLOSED, 5, new TaskClosedEvent(TASK_ID, "验收合格，予以销号", AT.plusSeconds(432_000), OFFICE)),
                progress(EventTypes.PROGRESS_REPORTED, 0, new ProgressReportedEvent(TASK_ID, 40, "已落实2个岗位",
                        LocalDate.of(2027, 3, 31), null, AT, RESPONSIBLE)),
                progress(EventTypes.OBSTACLE_RAISED, 1, new ObstacleRaisedEvent(TASK_ID, OBSTACLE_ID,
                        "需人社与财政协调岗位补贴", AT, RESPONSIBLE)),
                progress(EventTypes.OBSTACLE_RESOLVED, 2, new ObstacleResolvedEvent(TASK_ID, OBSTACLE_ID,
                        "财政局同意列支补贴", AT, OFFICE)),
                progress(EventTypes.COMPLETION_REPORTED, 3, new CompletionReportedEvent(TASK_ID, "3名随军家属均已上岗",
                        List.of("https://intranet.example/evidence/1"), AT, RESPONSIBLE)),
                progress(EventTypes.COMPLETION_ACCEPTED, 4, new CompletionAcceptedEvent(TASK_ID, AT, REQUESTER)),
                progress(EventTypes.COMPLETION_REJECTED, 4, new CompletionRejectedEvent(TASK_ID, "仍有1名家属未上岗", AT, REQUESTER)),
                progress(EventTypes.TASK_RATED, 5, new TaskRatedEvent(TASK_ID, 5, "办理及时，家属满意", AT, REQUESTER)),
                envelope(EventTypes.TASK_AMENDED, 2, new TaskAmendedEvent(TASK_ID, "解决随军家属就业安置",
                        "为驻地部队4名随军家属协调就业岗位", List.of("呼和浩特市退役军人事务局"), "部队补报1名家属",
                        AT.plusSeconds(90_000), OFFICE)),
                envelope(EventTypes.TASK_REOPENED, 6, new TaskReopenedEvent(TASK_ID, "核查发现1名家属岗位未落实",
                        LocalDate.of(2027, 10, 31), AUDIT_ID, AT.plusSeconds(518_400), OFFICE)),
                supervision(EventTypes.WARNING_LIGHT_CHANGED, 0, new WarningLightChangedEvent(TASK_ID, WarningLight.RED,
                        WarningLight.YELLOW, "逾期1天", LocalDate.of(2027, 7, 1), AT, SYSTEM)),
                supervision(EventTypes.SUPERVISION_NOTICE_ISSUED, 1, new SupervisionNoticeIssuedEvent(TASK_ID, NOTICE_ID,
                        SupervisionGrade.NOTICE, "逾期7天仍未办结", LocalDate.of(2027, 7, 14), false,
                        LocalDate.of(2027, 7, 7), AT, SYSTEM)),
                supervision(EventTypes.RECTIFICATION_RESPONDED, 2, new RectificationRespondedEvent(TASK_ID, NOTICE_ID,
                        "已协调2个岗位，7月底前全部落实", false, AT, RESPONSIBLE)),
                supervision(EventTypes.TASK_AUDITED, 3, new TaskAuditedEvent(TASK_ID, AUDIT_ID, AuditOutcome.FAILED, 1,
                        "1名家属岗位与专业不符", AT, OFFICE)));
    }

    private static final UUID NOTICE_ID = UUID.fromString("0d1e2f30-4a5b-4c6d-8e7f-901a2b3c4d5e");
    private static final UUID AUDIT_ID = UUID.fromString("1e2f3041-5b6c-4d7e-9f80-a12b3c4d5e6f");
    private static final Actor SYSTEM = new Actor("supervision-scheduler", ActorRole.SYSTEM, null, null, "150100");

    private static EventEnvelope supervision(EventType type, long sequence, Object data) {
        return new EventEnvelope("evt-" + type.name() + "-" + sequence, type, "/dual-list/supervision",
                TASK_ID.toString(), AT, sequence, data);
    }

    private static final UUID OBSTACLE_ID = UUID.fromString("9c2d7e10-3b4a-4c5d-8e6f-7a8b9c0d1e2f");

    private static EventEnvelope progress(EventType type, long sequence, Object data) {
        return new EventEnvelope("evt-" + type.name() + "-" + sequence, type, "/dual-list/progress",
                TASK_ID.toString(), AT, sequence, data);
    }

    private static EventEnvelope envelope(EventType type, long sequence, Object data) {
        return new EventEnvelope("evt-" + type.name() + "-" + sequence, type, "/dual-list/registration",
                TASK_ID.toString(), AT, sequence, data);
    }

    @Test
    void everyEventTypeHasAGoldenRecordAndASample() {
        List<String> sampled = samples().map(e -> e.type().name()).toList();
        for (EventType type : EventTypes.ALL) {
            assertThat(sampled).as("sample of " + type.name()).contains(type.name());
            assertThat(getClass().getResource(goldenPath(type))).as("golden file of " + type.name()).isNotNull();
            assertThat(type.payloadType().getAnnotation(Revision.class)).as("@Revision on " + type.payloadType()).isNotNull();
            assertThat(type.payloadType().getAnnotation(Revision.class).value())
                    .as("@Revision of " + type.payloadType().getSimpleName() + " against the upcasters of " + type.name())
                    .isEqualTo(Integer.toString(type.revision()));
            assertThat(type.topic()).isIn(Topics.ALL);
            assertThat(type.name()).doesNotContain(type.payloadType().getSimpleName());
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void encodingASampleGivesTheGoldenRecord(EventEnvelope sample) throws IOException {
        ObjectNode encoded = json.createObjectNode();
        encoded.put("key", binding.key(sample));
        encoded.set("headers", json.valueToTree(binding.headers(sample)));
        encoded.set("value", json.readTree(binding.value(sample)));

        assertThat(encoded).isEqualTo(golden(sample.type()));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void decodingTheGoldenRecordGivesTheSample(EventEnvelope sample) throws IOException {
        JsonNode golden = golden(sample.type());
        Map<String, String> headers = json.convertValue(golden.get("headers"), Map.class);
        byte[] value = json.writeValueAsBytes(golden.get("value"));

        EventEnvelope decoded = binding.decode(headers, value).orElseThrow();

        assertThat(decoded).isEqualTo(sample);
        assertThat(golden.get("key").asText()).isEqualTo(decoded.subject());
    }

    @Test
    void anUnknownTypeIsPassedOverAndABrokenRecordIsRefused() {
        Map<String, String> headers = new HashMap<>(binding.headers(samples().findFirst().orElseThrow()));
        headers.put(CloudEventsKafkaBinding.HEADER_TYPE, "dual-list.task.something-new.v9");
        assertThat(binding.decode(headers, "{}".getBytes())).isEmpty();

        headers.put(CloudEventsKafkaBinding.HEADER_TYPE, EventTypes.TASK_FILED.name());
        headers.remove(CloudEventsKafkaBinding.HEADER_SEQUENCE);
        assertThatThrownBy(() -> binding.decode(headers, "{}".getBytes()))
                .isInstanceOf(CloudEventsKafkaBinding.MalformedEventException.class)
                .hasMessageContaining("ce_sequence");
    }

    @Test
    void theTraceContextTravelsAsTheDistributedTracingExtensionAndIsOptional() {
        assertThat(CloudEventsKafkaBinding.HEADER_TRACEPARENT).isEqualTo("ce_traceparent");
        assertThat(CloudEventsKafkaBinding.HEADER_TRACESTATE).isEqualTo("ce_tracestate");
        EventEnvelope sample = samples().findFirst().orElseThrow();
        Map<String, String> traced = new HashMap<>(binding.headers(sample));
        assertThat(traced).doesNotContainKeys(CloudEventsKafkaBinding.HEADER_TRACEPARENT, CloudEventsKafkaBinding.HEADER_TRACESTATE);
        traced.put(CloudEventsKafkaBinding.HEADER_TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        traced.put(CloudEventsKafkaBinding.HEADER_TRACESTATE, "dual-list=1");

        assertThat(binding.decode(traced, binding.value(sample))).contains(sample);
    }

    static EventEnvelope sample(EventType type) {
        return samples().filter(sample -> sample.type().equals(type)).findFirst().orElseThrow();
    }

    private JsonNode golden(EventType type) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(goldenPath(type))) {
            assertThat(in).as(goldenPath(type)).isNotNull();
            return json.readTree(in);
        }
    }

    private static String goldenPath(EventType type) {
        return "/golden/" + type.name() + ".json";
    }
}
