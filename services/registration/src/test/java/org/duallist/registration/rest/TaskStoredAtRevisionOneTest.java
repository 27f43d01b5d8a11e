package org.duallist.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.duallist.registration.rest.TaskResourceTest.file;
import static org.duallist.registration.rest.TaskResourceTest.office;
import static org.duallist.registration.rest.TaskResourceTest.registration;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.duallist.contracts.CloudEventsKafkaBinding;
import org.duallist.contracts.EventJson;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.Topics;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.EarlierRevisions;
import org.duallist.testing.KafkaTestClient;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * A task whose filing sits in the event store at revision 1 of {@link TaskFiledEvent} (the rows an
 * earlier build wrote) is re-sourced through the contracts' upcaster: the aggregate answers and
 * decides exactly as for the same filing stored at the current revision, and its filing leaves for
 * Kafka in the current revision, while the stored row stays as it was written.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "registration"))
class TaskStoredAtRevisionOneTest {

    private static final String RESPONSIBLE_TOKEN = TestTokens.civilUnit("呼和浩特市人力资源和社会保障局", "150100");
    private static final String OTHER_MILITARY_UNIT = TestTokens.militaryUnit("呼和浩特市人民武装部", "150100");

    private final ObjectMapper json = EventJson.newMapper();
    private final KafkaTestClient kafka = new KafkaTestClient();

    @Test
    void aFilingStoredAtRevisionOneIsReSourcedAndTheTaskBehavesAsOneFiledNow() throws Exception {
        String current = file("随军家属就业安置（修订对照）");
        String old = UUID.randomUUID().toString();
        StoredEvent filed = storedFiling(current);
        assertThat(filed.revision()).isEqualTo("2");
        storeAtRevisionOne(old, filed);

        LocalDate deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(3);
        sameAnswer(current, old, id -> given().when().get("/api/tasks/" + id), 401);
        sameAnswer(current, old, id -> office().when().get("/api/tasks/" + id), 200);
        office().when().get("/api/tasks/" + old).then()
                .body("contactName", equalTo("王参谋")).body("contactPhone", equalTo("0471-6901234"));
        sameAnswer(current, old, id -> given().auth().oauth2(OTHER_MILITARY_UNIT).contentType(ContentType.JSON)
                .body(Map.of("reason", "不是我单位的事项")).when().post("/api/tasks/" + id + "/withdrawal"), 403);
        sameAnswer(current, old, id -> given().auth().oauth2(TestTokens.office("150200")).contentType(ContentType.JSON)
                .body(registration(deadline)).when().post("/api/tasks/" + id + "/registration"), 403);
        sameAnswer(current, old, id -> office().contentType(ContentType.JSON).body(registration(deadline))
                .when().post("/api/tasks/" + id + "/registration"), 200);
        sameAnswer(current, old, id -> office().contentType(ContentType.JSON)
                .body(Map.of("content", "为驻地部队4名随军家属协调就业岗位", "reason", "部队补报1名家属"))
                .when().post("/api/tasks/" + id + "/amendment"), 200);
        sameAnswer(current, old, id -> responsible().when().post("/api/tasks/" + id + "/claim"), 200);
        sameAnswer(current, old, id -> responsible().when().post("/api/tasks/" + id + "/claim"), 409);
        sameAnswer(current, old, id -> office().when().get("/api/tasks/" + id), 200);

        assertThat(storedFiling(old).revision()).as("the stored row is never rewritten").isEqualTo("1");
        KafkaTestClient.ReadEvent published = awaitFilingOnKafka(old);
        assertThat(published.headers()).containsEntry(CloudEventsKafkaBinding.HEADER_DATA_SCHEMA,
                CloudEventsKafkaBinding.dataSchema(EventTypes.TASK_FILED, 2));
        assertThat(published.envelope().data())
                .isEqualTo(forTask(old, json.readValue(filed.payload(), TaskFiledEvent.class)));
    }

    private static RequestSpecification responsible() {
        return given().auth().oauth2(RESPONSIBLE_TOKEN);
    }

    /**
     * The same request on both tasks gets the same status and, but for the task's id and the moments
     * the clock stamped on each task's commands (one task's a little after the other's), the same body.
     */
    private void sameAnswer(String current, String old, Function<String, Response> request, int status) throws Exception {
        Response toCurrent = request.apply(current);
        Response toOld = request.apply(old);
        toCurrent.then().statusCode(status);
        toOld.then().statusCode(status);
        String currentBody = toCurrent.asString();
        String oldBody = toOld.asString().replace(old, current);
        if (currentBody.isBlank()) {
            assertThat(oldBody).isBlank();
            return;
        }
        assertThat(withCommandTimesStamped(json.readTree(oldBody))).isEqualTo(withCommandTimesStamped(json.readTree(currentBody)));
    }

    /** Every time but the filing's (the old row carries the same one) as a mere "stamped". */
    private static JsonNode withCommandTimesStamped(JsonNode body) {
        if (body instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (name.endsWith("At") && !name.equals("filedAt") && !object.get(name).isNull()) {
                    object.put(name, "stamped");
                } else {
                    withCommandTimesStamped(object.get(name));
                }
            }
        }
        return body;
    }

    private record StoredEvent(String revision, byte[] payload, byte[] metaData, String timeStamp) {
    }

    private static StoredEvent storedFiling(String taskId) throws SQLException {
        try (Connection connection = DualListTestStack.adminConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT payloadrevision, payload, metadata, timestamp FROM registration.domainevententry
                     WHERE aggregateidentifier = ? AND sequencenumber = 0 AND payloadtype = ?""")) {
            select.setString(1, taskId);
            select.setString(2, TaskFiledEvent.class.getName());
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("stored filing of " + taskId).isTrue();
                return new StoredEvent(row.getString(1), row.getBytes(2), row.getBytes(3), row.getString(4));
            }
        }
    }

    /** Stores the same filing for another task as a build before revision 2 wrote it. */
    private void storeAtRevisionOne(String taskId, StoredEvent current) throws Exception {
        ObjectNode revisionOne = EarlierRevisions.taskFiledAtRevisionOne(
                forTask(taskId, json.readValue(current.payload(), TaskFiledEvent.class)));
        try (Connection connection = DualListTestStack.adminConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO registration.domainevententry (eventidentifier, aggregateidentifier, sequencenumber,
                         type, timestamp, payloadtype, payloadrevision, payload, metadata)
                     VALUES (?, ?, 0, 'Task', ?, ?, '1', ?, ?)""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, taskId);
            insert.setString(3, current.timeStamp());
            insert.setString(4, TaskFiledEvent.class.getName());
            insert.setBytes(5, json.writeValueAsBytes(revisionOne));
            insert.setBytes(6, current.metaData());
            insert.executeUpdate();
        }
    }

    private static TaskFiledEvent forTask(String taskId, TaskFiledEvent filed) {
        return new TaskFiledEvent(UUID.fromString(taskId), filed.list(), filed.regionCode(), filed.year(), filed.title(),
                filed.content(), filed.category(), filed.requesterUnit(), filed.contact(), filed.filedAt(), filed.actor());
    }

    private KafkaTestClient.ReadEvent awaitFilingOnKafka(String taskId) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            List<KafkaTestClient.ReadEvent> filings = kafka.readAll(Topics.REGISTRATION, Duration.ofSeconds(5)).stream()
                    .filter(event -> taskId.equals(event.key()) && event.envelope() != null
                            && event.envelope().data() instanceof TaskFiledEvent)
                    .toList();
            if (!filings.isEmpty()) {
                assertThat(filings).as("the filing of " + taskId + " is published once").hasSize(1);
                return filings.get(0);
            }
        }
        throw new AssertionError("the filing of " + taskId + " did not reach Kafka");
    }
}
