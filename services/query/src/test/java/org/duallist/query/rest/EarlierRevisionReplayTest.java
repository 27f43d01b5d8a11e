package org.duallist.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.Contact;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventJson;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.ProgressReportedEvent;
import org.duallist.contracts.TaskAmendedEvent;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskClaimedEvent;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.contracts.UnitSide;
import org.duallist.contracts.WarningLight;
import org.duallist.contracts.WarningLightChangedEvent;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.EarlierRevisions;
import org.duallist.testing.KafkaTestClient;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Topics keep every event, so a replay meets filings sent before {@link TaskFiledEvent} revision 2:
 * a task whose filing is on Kafka at revision 1 (as the earlier build sent it, without
 * {@code ce_dataschema}) gets the same read model, task row and history, as the same task filed at
 * the current revision; and history steps written before the upgrade answer in the current shape.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class EarlierRevisionReplayTest {

    private static final Instant FILED_AT = Instant.parse("2026-03-02T01:00:00Z");
    private static final String REGION = "150102";
    private static final String REGISTRATION = "/dual-list/registration";
    /** The first four events of {@link #stream}, on the registration topic. */
    private static final int REGISTRATION_EVENTS = 4;
    private static final String RESPONSIBLE = "呼和浩特市人力资源和社会保障局";
    private static final Actor OFFICE = new Actor("li.ganshi", ActorRole.OFFICE, null, null, "150100");
    private static final Actor RESPONSIBLE_UNIT = new Actor("zhao.kezhang", ActorRole.UNIT, RESPONSIBLE, UnitSide.CIVIL, "150100");
    private static final Actor SUPERVISION = new Actor("supervision-scheduler", ActorRole.SYSTEM, null, null, "150100");

    private final KafkaTestClient kafka = new KafkaTestClient();
    private final ObjectMapper json = EventJson.newMapper();

    private static RequestSpecification leader() {
        return given().auth().oauth2(TestTokens.leader("150000"));
    }

    @Test
    void aTaskFiledAtRevisionOneOnKafkaReadsTheSameAsOneFiledAtTheCurrentRevision() throws Exception {
        String requester = "修订回放测试武装部-" + UUID.randomUUID();
        UUID old = UUID.randomUUID();
        UUID current = UUID.randomUUID();

        List<EventEnvelope> oldStream = stream(old, requester);
        List<EventEnvelope> currentStream = stream(current, requester);
        EventEnvelope oldFiling = oldStream.get(0);
        kafka.publishRecord(oldFiling.type().topic(), oldFiling.subject(),
                EarlierRevisions.headersBeforeDataSchema(oldFiling),
                json.writeValueAsBytes(EarlierRevisions.taskFiledAtRevisionOne((TaskFiledEvent) oldFiling.data())));
        kafka.publishAll(oldStream.subList(1, REGISTRATION_EVENTS));
        kafka.publishAll(currentStream.subList(0, REGISTRATION_EVENTS));
        // Each topic has its own consumer: the other topics' events follow once registration's are in, so
        // that both tasks see one order (the read model does depend on it, whatever the revision).
        awaitHistory(old, REGISTRATION_EVENTS);
        awaitHistory(current, REGISTRATION_EVENTS);
        kafka.publishAll(oldStream.subList(REGISTRATION_EVENTS, oldStream.size()));
        kafka.publishAll(currentStream.subList(REGISTRATION_EVENTS, currentStream.size()));
        awaitHistory(old, oldStream.size());
        awaitHistory(current, currentStream.size());

        leader().when().get("/api/tasks/" + old).then()
                .body("contactName", equalTo("王参谋")).body("contactPhone", equalTo("0471-6901234"));
        leader().when().get("/api/tasks/" + old + "/history").then()
                .body("[0].details.contact.name", equalTo("王参谋"))
                .body("[0].details", not(hasKey("contactName")));
        assertThat(readModel(old, "/api/tasks/" + old)).isEqualTo(readModel(current, "/api/tasks/" + current));
        assertThat(readModel(old, "/api/tasks/" + old + "/history"))
                .isEqualTo(readModel(current, "/api/tasks/" + current + "/history"));
    }

    @Test
    void aHistoryStepWrittenAtRevisionOneAnswersInTheCurrentShapeAndStaysAsWritten() throws Exception {
        UUID id = UUID.randomUUID();
        List<EventEnvelope> stream = stream(id, "修订历史测试武装部-" + UUID.randomUUID());
        kafka.publish(stream.get(0));
        awaitHistory(id, 1);
        String revisionOne = json.writeValueAsString(EarlierRevisions.taskFiledAtRevisionOne((TaskFiledEvent) stream.get(0).data()));
        // as a build before revision 2 left the step (V10 gave such rows revision 1)
        try (Connection connection = DualListTestStack.adminConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE query.task_history_entry SET details = ?, details_revision = 1 WHERE task_id = ?")) {
            update.setString(1, revisionOne);
            update.setObject(2, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        leader().when().get("/api/tasks/" + id + "/history").then().statusCode(200)
                .body("[0].details.contact.name", equalTo("王参谋"))
                .body("[0].details.contact.phone", equalTo("0471-6901234"))
                .body("[0].details", not(hasKey("contactName")))
                .body("[0].details", not(hasKey("contactPhone")));
        JsonNode answered = json.readTree(leader().when().get("/api/tasks/" + id + "/history").asString()).get(0).get("details");
        assertThat(answered).isEqualTo(json.valueToTree(stream.get(0).data()));
    }

    private static void awaitHistory(UUID id, int steps) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                leader().when().get("/api/tasks/" + id + "/history").then().statusCode(200).body("size()", equalTo(steps)));
    }

    /** The body answered for a task, with the task's own id put as "TASK" so that two tasks compare. */
    private JsonNode readModel(UUID id, String path) throws Exception {
        return json.readTree(leader().when().get(path).then().statusCode(200).extract().asString()
                .replace(id.toString(), "TASK"));
    }

    /** Filed, registered, amended, claimed, progress at 40 %, a yellow light: each sent at its own fixed time. */
    private static List<EventEnvelope> stream(UUID id, String requester) {
        Actor requesterUnit = new Actor("wang.canmou", ActorRole.UNIT, requester, UnitSide.MILITARY, "150100");
        Instant registeredAt = FILED_AT.plusSeconds(86_400);
        Instant amendedAt = FILED_AT.plusSeconds(90_000);
        Instant claimedAt = FILED_AT.plusSeconds(172_800);
        Instant reportedAt = FILED_AT.plusSeconds(400_000);
        Instant lightAt = FILED_AT.plusSeconds(9_000_000);
        return List.of(
                envelope(id, REGISTRATION, 0, FILED_AT, new TaskFiledEvent(id, TaskList.SUPPORT_THE_MILITARY, REGION, 2026,
                        "解决随军家属就业安置", "为驻地部队3名随军家属协调就业岗位", TaskCategory.SPOUSE_EMPLOYMENT, requester,
                        new Contact("王参谋", "0471-6901234"), FILED_AT, requesterUnit)),
                envelope(id, REGISTRATION, 1, registeredAt, new TaskRegisteredEvent(id, RESPONSIBLE,
                        List.of("呼和浩特市退役军人事务局"), LocalDate.of(2026, 6, 30), "岗位与家属专业相符", registeredAt, OFFICE)),
                envelope(id, REGISTRATION, 2, amendedAt, new TaskAmendedEvent(id, "解决随军家属就业安置",
                        "为驻地部队4名随军家属协调就业岗位", List.of("呼和浩特市退役军人事务局"), "部队补报1名家属", amendedAt, OFFICE)),
                envelope(id, REGISTRATION, 3, claimedAt, new TaskClaimedEvent(id, claimedAt, RESPONSIBLE_UNIT)),
                envelope(id, "/dual-list/progress", 0, reportedAt, new ProgressReportedEvent(id, 40, "已落实2个岗位",
                        LocalDate.of(2026, 4, 30), null, reportedAt, RESPONSIBLE_UNIT)),
                envelope(id, "/dual-list/supervision", 0, lightAt, new WarningLightChangedEvent(id, WarningLight.YELLOW, null,
                        "临期7天", LocalDate.of(2026, 6, 23), lightAt, SUPERVISION)));
    }

    private static EventEnvelope envelope(UUID id, String source, long sequence, Instant at, Object data) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.byPayloadType(data.getClass()).orElseThrow(),
                source, id.toString(), at, sequence, data);
    }
}
