package org.duallist.progress.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duallist.contracts.Contact;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskClaimedEvent;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.contracts.TaskWithdrawnEvent;
import org.duallist.contracts.Topics;
import org.duallist.contracts.UnitSide;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.KafkaTestClient;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** The work on a task through the REST API, learned from registration events on the real broker. */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "progress"))
class ProgressResourceTest {

    private static final String REQUESTER = "呼和浩特警备区政治工作处";
    private static final String RESPONSIBLE = "呼和浩特市人力资源和社会保障局";
    private static final Actor OFFICE = new Actor("office", ActorRole.OFFICE, null, null, "150100");
    private static final Actor REQUESTER_ACTOR = new Actor("wang", ActorRole.UNIT, REQUESTER, UnitSide.MILITARY, "150100");
    private static final Actor RESPONSIBLE_ACTOR = new Actor("zhao", ActorRole.UNIT, RESPONSIBLE, UnitSide.CIVIL, "150100");
    private static final Instant AT = Instant.parse("2026-11-01T02:00:00Z");

    private final KafkaTestClient kafka = new KafkaTestClient();

    private static RequestSpecification responsible() {
        return given().auth().oauth2(TestTokens.mint(RESPONSIBLE_ACTOR)).contentType(ContentType.JSON);
    }

    private static RequestSpecification requester() {
        return given().auth().oauth2(TestTokens.mint(REQUESTER_ACTOR)).contentType(ContentType.JSON);
    }

    private UUID claimedTask() {
        UUID id = UUID.randomUUID();
        kafka.publish(registration(id, 0, new TaskFiledEvent(id, TaskList.SUPPORT_THE_MILITARY, "150102", 2026, "家属就业",
                "协调岗位", TaskCategory.SPOUSE_EMPLOYMENT, REQUESTER, new Contact("王参谋", "0471-6901234"), AT, REQUESTER_ACTOR)));
        kafka.publish(registration(id, 1, new TaskRegisteredEvent(id, RESPONSIBLE, List.of(), LocalDate.of(2027, 6, 30),
                "家属满意", AT, OFFICE)));
        kafka.publish(registration(id, 2, new TaskClaimedEvent(id, AT, RESPONSIBLE_ACTOR)));
        return id;
    }

    private static EventEnvelope registration(UUID id, long sequence, Object data) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.byPayloadType(data.getClass()).orElseThrow(),
                "/dual-list/registration", id.toString(), AT, sequence, data);
    }

    private static void awaitKnown(UUID id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                responsible().body(Map.of("percent", 10, "narrative", "开始办理"))
                        .post("/api/tasks/" + id + "/progress").statusCode() == 200);
    }

    @Test
    void theWholeWorkFromFirstReportToRating() {
        UUID id = claimedTask();
        awaitKnown(id);
        responsible().body(Map.of("percent", 60, "narrative", "已落实2个岗位", "nextStepDate", "2026-12-31"))
                .post("/api/tasks/" + id + "/progress").then().statusCode(200);
        responsible().body(Map.of("percent", 40, "narrative", "返工"))
                .post("/api/tasks/" + id + "/progress").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("decreaseReason"));
        String obstacle = responsible().body(Map.of("description", "需财政协调补贴"))
                .post("/api/tasks/" + id + "/obstacles").then().statusCode(200).extract().path("obstacleId");
        given().auth().oauth2(TestTokens.office("150100")).contentType(ContentType.JSON).body(Map.of("resolution", "财政同意"))
                .post("/api/tasks/" + id + "/obstacles/" + obstacle + "/resolution").then().statusCode(200);
        responsible().body(Map.of("summary", "3名家属已上岗", "evidenceLinks", List.of("/evidence/1")))
                .post("/api/tasks/" + id + "/completion").then().statusCode(200);
        responsible().post("/api/tasks/" + id + "/acceptance").then().statusCode(403)
                .body("detail", containsString("only the requester unit"));
        requester().body(Map.of("reasons", "仍有1人未上岗")).post("/api/tasks/" + id + "/rejection").then().statusCode(200);
        responsible().body(Map.of("summary", "全部上岗", "evidenceLinks", List.of()))
                .post("/api/tasks/" + id + "/completion").then().statusCode(200);
        requester().post("/api/tasks/" + id + "/acceptance").then().statusCode(200);
        requester().body(Map.of("score", 5, "comment", "非常满意")).post("/api/tasks/" + id + "/rating").then().statusCode(200);
        requester().body(Map.of("score", 4, "comment", "再评")).post("/api/tasks/" + id + "/rating").then().statusCode(409);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> types = kafka.readAll(Topics.PROGRESS, Duration.ofSeconds(5)).stream()
                    .filter(e -> id.toString().equals(e.key()))
                    .map(e -> e.envelope().type().name())
                    .toList();
            assertThat(types).containsExactly(
                    "dual-list.task.progress-reported.v1", "dual-list.task.progress-reported.v1",
                    "dual-list.task.obstacle-raised.v1", "dual-list.task.obstacle-resolved.v1",
                    "dual-list.task.completion-reported.v1", "dual-list.task.completion-rejected.v1",
                    "dual-list.task.completion-reported.v1", "dual-list.task.completion-accepted.v1",
                    "dual-list.task.rated.v1");
        });
    }

    @Test
    void noWorkOnAWithdrawnTask() {
        UUID id = claimedTask();
        awaitKnown(id);
        kafka.publish(registration(id, 3, new TaskWithdrawnEvent(id, "已自行解决", AT, REQUESTER_ACTOR)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                responsible().body(Map.of("percent", 50, "narrative", "继续"))
                        .post("/api/tasks/" + id + "/progress").statusCode() == 409);
    }

    @Test
    void unknownTasksAndMissingTokens() {
        responsible().body(Map.of("percent", 50, "narrative", "x"))
                .post("/api/tasks/" + UUID.randomUUID() + "/progress").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("percent", 50, "narrative", "x"))
                .post("/api/tasks/" + UUID.randomUUID() + "/progress").then().statusCode(401);
    }
}
