package org.duallist.supervision.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.duallist.contracts.Topics;
import org.duallist.supervision.BusinessDays;
import org.duallist.supervision.TaskEvents;
import org.duallist.testing.KafkaTestClient;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Supervision through the REST API, on tasks learned from events on the real broker and a moved clock. */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "supervision"))
class SupervisionResourceTest {

    private static final LocalDate CLAIMED_ON = LocalDate.of(2027, 5, 1);
    private static final LocalDate DEADLINE = LocalDate.of(2027, 5, 31);

    @AfterEach
    void realTime() {
        BusinessDays.reset();
    }

    private static RequestSpecification office() {
        return given().auth().oauth2(TestTokens.office("150100")).contentType(ContentType.JSON);
    }

    private static RequestSpecification responsible() {
        return given().auth().oauth2(TestTokens.mint(TaskEvents.RESPONSIBLE_ACTOR)).contentType(ContentType.JSON);
    }

    private static RequestSpecification requester() {
        return given().auth().oauth2(TestTokens.mint(TaskEvents.REQUESTER_ACTOR)).contentType(ContentType.JSON);
    }

    @Test
    void fromTheFirstLightThroughNoticesResponsesAndTheAudit() {
        TaskEvents task = TaskEvents.newTask().publishClaimed(CLAIMED_ON, DEADLINE);
        String base = "/api/tasks/" + task.id();
        requester().get(base + "/supervision").then().statusCode(200)
                .body("supervised", equalTo(true))
                .body("deadline", equalTo("2027-05-31"))
                .body("light", nullValue())
                .body("notices", hasSize(0));

        BusinessDays.moveTo(DEADLINE.plusDays(1));
        BusinessDays.evaluate();
        requester().get(base + "/supervision").then().statusCode(200)
                .body("light", equalTo("RED"))
                .body("lightName", equalTo("红灯"))
                .body("lightReason", equalTo("逾期1天"))
                .body("lightSince", equalTo("2027-06-01"))
                .body("grade", equalTo("REMINDER"))
                .body("gradeName", equalTo("催办"))
                .body("notices[0].issuedBy.role", equalTo("SYSTEM"))
                .body("notices[0].replyDue", nullValue())
                .body("notices[0].awaitingResponse", equalTo(false));

        BusinessDays.moveTo(DEADLINE.plusDays(3));
        String noticeId = office().body(Map.of("grade", "NOTICE", "reason", "逾期未完工，约谈责任单位"))
                .post(base + "/notices").then().statusCode(200).extract().path("noticeId");
        office().body(Map.of("grade", "NOTICE", "reason", "再次督办"))
                .post(base + "/notices").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("一事一单"));
        responsible().get(base + "/supervision").then().statusCode(200)
                .body("grade", equalTo("NOTICE"))
                .body("notices[1].noticeId", equalTo(noticeId))
                .body("notices[1].manual", equalTo(true))
                .body("notices[1].replyDue", equalTo("2027-06-08"))
                .body("notices[1].issuedOn", equalTo("2027-06-03"))
                .body("notices[1].awaitingResponse", equalTo(true));

        BusinessDays.moveTo(DEADLINE.plusDays(9));
        responsible().body(Map.of("response", "已增派施工队，6月20日前完工"))
                .post(base + "/notices/" + noticeId + "/response").then().statusCode(200)
                .body("late", equalTo(true));
        responsible().body(Map.of("response", "再次反馈"))
                .post(base + "/notices/" + noticeId + "/response").then().statusCode(409);
        responsible().body(Map.of("response", "反馈"))
                .post(base + "/notices/" + UUID.randomUUID() + "/response").then().statusCode(404)
                .contentType("application/problem+json");
        // the late response leaves the missed reply date standing: 专题督办 dated the day after it
        BusinessDays.evaluate();
        requester().get(base + "/supervision").then().statusCode(200)
                .body("notices[1].response", equalTo("已增派施工队，6月20日前完工"))
                .body("notices[1].late", equalTo(true))
                .body("notices[2].grade", equalTo("SPECIAL"))
                .body("notices[2].issuedOn", equalTo("2027-06-09"));

        office().body(Map.of("outcome", "PASSED")).post(base + "/audits").then().statusCode(409);
        task.publishAccepted(TaskEvents.on(DEADLINE.plusDays(10)));
        office().body(Map.of("outcome", "FAILED")).post(base + "/audits").then().statusCode(400)
                .body("errors[0].field", equalTo("findings"));
        String auditId = office().body(Map.of("outcome", "FAILED", "findings", "路面未硬化到位"))
                .post(base + "/audits").then().statusCode(200).extract().path("auditId");
        office().body(Map.of("outcome", "PASSED")).post(base + "/audits").then().statusCode(409);
        requester().get(base + "/supervision").then().statusCode(200)
                .body("supervised", equalTo(false))
                .body("audits[0].auditId", equalTo(auditId))
                .body("audits[0].outcome", equalTo("FAILED"))
                .body("audits[0].outcomeName", equalTo("核查未通过"))
                .body("audits[0].acceptedCompletions", equalTo(1));
        office().body(Map.of("grade", "REFERRAL", "reason", "提请关注")).post(base + "/notices").then().statusCode(409);

        KafkaTestClient kafka = new KafkaTestClient();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                kafka.readAll(Topics.SUPERVISION, Duration.ofSeconds(5)).stream()
                        .filter(e -> task.id().toString().equals(e.key()))
                        .map(e -> e.envelope().type().name()))
                .containsExactly("dual-list.task.warning-light-changed.v1", "dual-list.task.supervision-notice-issued.v1",
                        "dual-list.task.supervision-notice-issued.v1", "dual-list.task.rectification-responded.v1",
                        "dual-list.task.supervision-notice-issued.v1", "dual-list.task.audited.v1"));
    }

    @Test
    void badInputIsAProblemNamingEachField() {
        TaskEvents task = TaskEvents.newTask().publishClaimed(CLAIMED_ON, DEADLINE);
        String base = "/api/tasks/" + task.id();
        BusinessDays.moveTo(CLAIMED_ON.plusDays(2));
        office().body(Map.of("reason", " ")).post(base + "/notices").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("grade", "reason"));
        office().body(Map.of("grade", "URGENT", "reason", "加急")).post(base + "/notices").then().statusCode(400)
                .body("errors[0].field", equalTo("grade"))
                .body("errors[0].message", containsString("REMINDER, NOTICE, SPECIAL, REFERRAL"));
        office().body(Map.of("grade", "NOTICE", "reason", "加急", "replyDue", "2027-05-02")).post(base + "/notices").then()
                .statusCode(400).body("errors[0].field", equalTo("replyDue"));
        office().body(Map.of("grade", "NOTICE", "reason", "加急", "replyDue", "2027-13-40")).post(base + "/notices").then()
                .statusCode(400).body("errors[0].field", equalTo("replyDue"));
        office().body(Map.of("outcome", "MAYBE")).post(base + "/audits").then().statusCode(400)
                .body("errors[0].field", equalTo("outcome"));
        office().body("{").post(base + "/audits").then().statusCode(400).contentType("application/problem+json");
        responsible().body(Map.of()).post(base + "/notices/" + UUID.randomUUID() + "/response").then().statusCode(400)
                .body("errors[0].field", equalTo("response"));
        office().get("/api/tasks/" + UUID.randomUUID() + "/supervision").then().statusCode(404)
                .contentType("application/problem+json");
        given().get(base + "/supervision").then().statusCode(401);
    }

    @Test
    void anUrgentMatterStartsHighWithAnIdempotencyKey() {
        TaskEvents task = TaskEvents.newTask().publishClaimed(CLAIMED_ON, DEADLINE);
        String base = "/api/tasks/" + task.id();
        BusinessDays.moveTo(CLAIMED_ON.plusDays(2));
        Map<String, Object> body = new HashMap<>(Map.of("grade", "SPECIAL", "reason", "汛期临近，营区道路险情", "replyDue", "2027-05-06"));
        Response first = office().header("Idempotency-Key", "urgent-" + task.id()).body(body).post(base + "/notices");
        Response again = office().header("Idempotency-Key", "urgent-" + task.id()).body(body).post(base + "/notices");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.jsonPath().getString("noticeId")).isEqualTo(first.jsonPath().getString("noticeId"));
        office().get(base + "/supervision").then().statusCode(200)
                .body("notices", hasSize(1))
                .body("grade", equalTo("SPECIAL"))
                .body("notices[0].replyDue", equalTo("2027-05-06"));
    }
}
