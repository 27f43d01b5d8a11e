package org.duallist.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.duallist.contracts.CloudEventsKafkaBinding;
import org.duallist.contracts.CompletionAcceptedEvent;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.contracts.Topics;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.KafkaTestClient;
import org.duallist.contracts.AuditOutcome;
import org.duallist.contracts.TaskAuditedEvent;
import org.duallist.contracts.TaskReopenedEvent;
import org.duallist.testing.TestTokens;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "registration"))
class TaskResourceTest {

    private static final int THIS_YEAR = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
    private static final String REQUESTER_UNIT = "呼和浩特警备区政治工作处";
    private static final String REQUESTER_TOKEN = TestTokens.militaryUnit(REQUESTER_UNIT, "150100");
    private static final String OFFICE_TOKEN = TestTokens.office("150100");
    private final KafkaTestClient kafka = new KafkaTestClient();

    static RequestSpecification requester() {
        return given().auth().oauth2(REQUESTER_TOKEN);
    }

    static RequestSpecification office() {
        return given().auth().oauth2(OFFICE_TOKEN);
    }

    static Map<String, Object> filing(String title) {
        return Map.of(
                "list", "SUPPORT_THE_MILITARY",
                "regionCode", "150102",
                "year", THIS_YEAR,
                "title", title,
                "content", "为驻地部队随军家属协调就业岗位",
                "category", "SPOUSE_EMPLOYMENT",
                "requesterUnit", REQUESTER_UNIT,
                "contactName", "王参谋",
                "contactPhone", "0471-6901234");
    }

    static Map<String, Object> registration(LocalDate deadline) {
        return Map.of(
                "responsibleUnit", "呼和浩特市人力资源和社会保障局",
                "coUnits", List.of("呼和浩特市退役军人事务局"),
                "deadline", deadline.toString(),
                "qualityRequirement", "岗位与家属专业相符");
    }

    static String file(String title) {
        return requester().contentType(ContentType.JSON).body(filing(title))
                .when().post("/api/tasks")
                .then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void filingAnswers201WithLocationAndPublishesTheEventKeyedByTask() {
        Response response = requester().contentType(ContentType.JSON).body(filing("军人子女入学"))
                .when().post("/api/tasks");
        response.then().statusCode(201)
                .header("Location", containsString("/api/tasks/"))
                .body("status", equalTo("SUBMITTED"))
                .body("regionCode", equalTo("150102"))
                .body("filedAt", notNullValue());
        String id = response.path("id");
        assertThat(response.header("Location")).endsWith("/api/tasks/" + id);

        requester().when().get("/api/tasks/" + id).then().statusCode(200).body("title", equalTo("军人子女入学"));

        List<KafkaTestClient.ReadEvent> published = awaitPublished(id, 1);
        KafkaTestClient.ReadEvent event = published.get(0);
        assertThat(event.key()).isEqualTo(id);
        assertThat(event.headers())
                .containsEntry(CloudEventsKafkaBinding.HEADER_TYPE, EventTypes.TASK_FILED.name())
                .containsEntry(CloudEventsKafkaBinding.HEADER_SUBJECT, id)
                .containsEntry(CloudEventsKafkaBinding.HEADER_SOURCE, "/dual-list/registration")
                .containsEntry(CloudEventsKafkaBinding.HEADER_SEQUENCE, "0")
                .containsEntry(CloudEventsKafkaBinding.HEADER_SPEC_VERSION, "1.0")
                .containsKeys(CloudEventsKafkaBinding.HEADER_ID, CloudEventsKafkaBinding.HEADER_TIME);
        assertThat(event.envelope().data()).isInstanceOf(TaskFiledEvent.class);
    }

    @Test
    void registeringAssignsAndPublishesInOrder() {
        String id = file("营区周边道路修缮");
        LocalDate deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(3);

        office().contentType(ContentType.JSON).body(registration(deadline))
                .when().post("/api/tasks/" + id + "/registration")
                .then().statusCode(200)
                .body("status", equalTo("REGISTERED"))
                .body("deadline", equalTo(deadline.toString()))
                .body("coUnits", hasItems("呼和浩特市退役军人事务局"));

        List<KafkaTestClient.ReadEvent> published = awaitPublished(id, 2);
        assertThat(published).extracting(e -> e.envelope().sequence()).containsExactly(0L, 1L);
        assertThat(published.get(1).envelope().data()).isInstanceOf(TaskRegisteredEvent.class);
        assertThat(published.get(0).partition()).isEqualTo(published.get(1).partition());
    }

    @Test
    void everyInvalidFieldIsNamedAndNothingIsStored() throws SQLException {
        long before = storedEvents();
        requester().contentType(ContentType.JSON)
                .body(Map.of("list", "SUPPORT_THE_MILITARY", "regionCode", "15010", "year", THIS_YEAR + 5,
                        "title", " ", "content", "x", "category", "SPOUSE_EMPLOYMENT",
                        "requesterUnit", "呼和浩特警备区政治工作处", "contactName", "王参谋", "contactPhone", "12"))
                .when().post("/api/tasks")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItems("regionCode", "year", "title", "contactPhone"));
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void anUnknownListOrCategoryIsAFieldError() {
        Map<String, Object> body = new java.util.HashMap<>(filing("x"));
        body.put("list", "SUPPORT_THE_ALIENS");
        requester().contentType(ContentType.JSON).body(body)
                .when().post("/api/tasks")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("list"))
                .body("errors[0].message", containsString("SUPPORT_THE_MILITARY"));
    }

    @Test
    void aCategoryOfTheOtherListIsRefusedByTheAggregate() throws SQLException {
        long before = storedEvents();
        Map<String, Object> body = new java.util.HashMap<>(filing("抢险"));
        body.put("category", "DISASTER_RELIEF");
        requester().contentType(ContentType.JSON).body(body)
                .when().post("/api/tasks")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("category"));
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void malformedJsonIsA400NotA500() {
        requester().contentType(ContentType.JSON).body("{\"list\": ")
                .when().post("/api/tasks")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aDeadlineInThePastIsRefused() {
        String id = file("医疗保障");
        office().contentType(ContentType.JSON)
                .body(registration(LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1)))
                .when().post("/api/tasks/" + id + "/registration")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("deadline"));
        office().when().get("/api/tasks/" + id).then().body("status", equalTo("SUBMITTED"));
    }

    @Test
    void anUnknownTaskIs404() {
        office().contentType(ContentType.JSON).body(Map.of("reason", "无"))
                .when().post("/api/tasks/" + UUID.randomUUID() + "/decline")
                .then().statusCode(404)
                .contentType("application/problem+json");
        office().when().get("/api/tasks/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aCommandInTheWrongStateIs409() {
        String id = file("学生军训");
        office().contentType(ContentType.JSON).body(Map.of("reason", "不属于部队职责"))
                .when().post("/api/tasks/" + id + "/decline")
                .then().statusCode(200).body("status", equalTo("DECLINED"));
        office().contentType(ContentType.JSON)
                .body(registration(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30)))
                .when().post("/api/tasks/" + id + "/registration")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("DECLINED"));
    }

    @Test
    void concurrentRegistrationsOfOneTaskGiveOneSuccessAndConflictsNeverA500() throws Exception {
        String id = file("战备训练保障");
        Map<String, Object> body = registration(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(60));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Callable<Integer> register = () -> office().contentType(ContentType.JSON).body(body)
                    .when().post("/api/tasks/" + id + "/registration").statusCode();
            List<Future<Integer>> answers = pool.invokeAll(List.of(register, register, register, register, register, register));
            List<Integer> codes = answers.stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(codes).containsOnly(200, 409);
            assertThat(codes).filteredOn(c -> c == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        office().when().get("/api/tasks/" + id).then().body("version", equalTo(1));
    }

    @Test
    void withoutAValidTokenEveryCallIs401() {
        given().contentType(ContentType.JSON).body(filing("无令牌"))
                .when().post("/api/tasks")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2(TestTokens.forged(new Actor("x", ActorRole.OFFICE, null, null, "150100")))
                .when().get("/api/tasks/" + UUID.randomUUID())
                .then().statusCode(401);
    }

    @Test
    void aMilitaryUnitFilingOnThePeoplesListIs403WithTheRule() throws SQLException {
        long before = storedEvents();
        Map<String, Object> body = new java.util.HashMap<>(filing("抢险"));
        body.put("list", "SUPPORT_THE_PEOPLE");
        body.put("category", "DISASTER_RELIEF");
        requester().contentType(ContentType.JSON).body(body)
                .when().post("/api/tasks")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("files only on the SUPPORT_THE_MILITARY list"));
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void anotherCitysOfficeMayNeitherRegisterNorRead() {
        String id = file("外市办公室");
        String baotouOffice = TestTokens.office("150200");
        given().auth().oauth2(baotouOffice).contentType(ContentType.JSON)
                .body(registration(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30)))
                .when().post("/api/tasks/" + id + "/registration")
                .then().statusCode(403)
                .body("detail", containsString("only the office of region 150102"));
        given().auth().oauth2(baotouOffice).when().get("/api/tasks/" + id).then().statusCode(403);
        given().auth().oauth2(TestTokens.leader("150000")).when().get("/api/tasks/" + id).then().statusCode(200);
        given().auth().oauth2(TestTokens.civilUnit("呼和浩特市教育局", "150100")).when().get("/api/tasks/" + id)
                .then().statusCode(403);
    }

    @Test
    void theEventRecordsWhoDidIt() {
        String id = file("记录办理人");
        KafkaTestClient.ReadEvent filed = awaitPublished(id, 1).get(0);
        Actor actor = ((TaskFiledEvent) filed.envelope().data()).actor();
        assertThat(actor.role()).isEqualTo(ActorRole.UNIT);
        assertThat(actor.unit()).isEqualTo(REQUESTER_UNIT);
        assertThat(actor.user()).isEqualTo("user-" + REQUESTER_UNIT);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndStoresNothingNew() throws Exception {
        String key = "file-" + UUID.randomUUID();
        Response first = requester().contentType(ContentType.JSON).header("Idempotency-Key", key).body(filing("幂等提报"))
                .when().post("/api/tasks");
        first.then().statusCode(201);
        long stored = storedEvents();

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Callable<Response> retry = () -> requester().contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body(filing("幂等提报")).when().post("/api/tasks");
            for (Future<Response> answer : pool.invokeAll(List.of(retry, retry, retry))) {
                Response again = answer.get();
                again.then().statusCode(201).header("Idempotent-Replayed", "true");
                assertThat(again.<String>path("id")).isEqualTo(first.<String>path("id"));
                assertThat(again.header("Location")).isEqualTo(first.header("Location"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(storedEvents()).isEqualTo(stored);

        String id = first.path("id");
        Map<String, Object> body = registration(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(20));
        office().contentType(ContentType.JSON).header("Idempotency-Key", "register-" + id).body(body)
                .when().post("/api/tasks/" + id + "/registration").then().statusCode(200);
        office().contentType(ContentType.JSON).header("Idempotency-Key", "register-" + id).body(body)
                .when().post("/api/tasks/" + id + "/registration")
                .then().statusCode(200).body("status", equalTo("REGISTERED")).header("Idempotent-Replayed", "true");
        // without the key, the same command is simply refused by the task's state
        office().contentType(ContentType.JSON).body(body)
                .when().post("/api/tasks/" + id + "/registration").then().statusCode(409);
    }

    @Test
    void anIdempotencyKeyReusedForAnotherRequestIsRefused() {
        String key = "reuse-" + UUID.randomUUID();
        requester().contentType(ContentType.JSON).header("Idempotency-Key", key).body(filing("第一次"))
                .when().post("/api/tasks").then().statusCode(201);
        requester().contentType(ContentType.JSON).header("Idempotency-Key", key).body(filing("第二次，不同内容"))
                .when().post("/api/tasks")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void theResponsibleUnitReturnsTheOfficeReassignsTheNewUnitClaimsAndTheRequesterWithdraws() {
        String id = file("返还改派");
        LocalDate deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(40);
        office().contentType(ContentType.JSON).body(registration(deadline))
                .when().post("/api/tasks/" + id + "/registration").then().statusCode(200);
        String hrss = TestTokens.civilUnit("呼和浩特市人力资源和社会保障局", "150100");
        String education = TestTokens.civilUnit("呼和浩特市教育局", "150100");

        given().auth().oauth2(education).when().post("/api/tasks/" + id + "/claim")
                .then().statusCode(403).body("detail", containsString("only the responsible unit"));
        given().auth().oauth2(hrss).contentType(ContentType.JSON).body(Map.of("reason", "属于教育部门职责"))
                .when().post("/api/tasks/" + id + "/return")
                .then().statusCode(200).body("status", equalTo("RETURNED"));
        office().contentType(ContentType.JSON).body(Map.of("responsibleUnit", "呼和浩特市教育局"))
                .when().post("/api/tasks/" + id + "/reassignment")
                .then().statusCode(200).body("status", equalTo("REGISTERED"))
                .body("responsibleUnit", equalTo("呼和浩特市教育局"))
                .body("deadline", equalTo(deadline.toString()));
        given().auth().oauth2(education).when().post("/api/tasks/" + id + "/claim")
                .then().statusCode(200).body("status", equalTo("CLAIMED"));
        given().auth().oauth2(education).when().post("/api/tasks/" + id + "/claim").then().statusCode(409);
        office().contentType(ContentType.JSON).body(Map.of("reason", "不需要了"))
                .when().post("/api/tasks/" + id + "/withdrawal").then().statusCode(403);
        requester().contentType(ContentType.JSON).body(Map.of("reason", "部队已自行解决"))
                .when().post("/api/tasks/" + id + "/withdrawal")
                .then().statusCode(200).body("status", equalTo("WITHDRAWN")).body("withdrawReason", equalTo("部队已自行解决"));

        List<KafkaTestClient.ReadEvent> published = awaitPublished(id, 6);
        assertThat(published).extracting(e -> e.envelope().type().name()).containsExactly(
                "dual-list.task.filed.v1", "dual-list.task.registered.v1", "dual-list.task.returned.v1",
                "dual-list.task.reassigned.v1", "dual-list.task.claimed.v1", "dual-list.task.withdrawn.v1");
    }

    @Test
    void anExtensionAskedInTimeAndApprovedMovesTheDeadline() {
        String id = file("延期事项");
        LocalDate deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10);
        office().contentType(ContentType.JSON).body(registration(deadline))
                .when().post("/api/tasks/" + id + "/registration").then().statusCode(200);
        String hrss = TestTokens.civilUnit("呼和浩特市人力资源和社会保障局", "150100");
        given().auth().oauth2(hrss).when().post("/api/tasks/" + id + "/claim").then().statusCode(200);

        given().auth().oauth2(hrss).contentType(ContentType.JSON)
                .body(Map.of("requestedDeadline", deadline.toString(), "reason", "同一天"))
                .when().post("/api/tasks/" + id + "/extension-request")
                .then().statusCode(400).body("errors[0].field", equalTo("requestedDeadline"));
        given().auth().oauth2(hrss).contentType(ContentType.JSON)
                .body(Map.of("requestedDeadline", deadline.plusMonths(2).toString(), "reason", "用人单位招聘推迟"))
                .when().post("/api/tasks/" + id + "/extension-request")
                .then().statusCode(200).body("requestedDeadline", equalTo(deadline.plusMonths(2).toString()));
        requester().when().post("/api/tasks/" + id + "/extension-approval").then().statusCode(403);
        office().when().post("/api/tasks/" + id + "/extension-approval")
                .then().statusCode(200)
                .body("deadline", equalTo(deadline.plusMonths(2).toString()))
                .body("requestedDeadline", org.hamcrest.Matchers.nullValue());
        office().when().post("/api/tasks/" + id + "/extension-approval").then().statusCode(409);
    }

    @Test
    void theOfficeClosesOnlyOnceTheRequesterAcceptedTheCompletion() {
        String id = file("销号事项");
        office().contentType(ContentType.JSON).body(registration(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30)))
                .when().post("/api/tasks/" + id + "/registration").then().statusCode(200);
        String hrss = TestTokens.civilUnit("呼和浩特市人力资源和社会保障局", "150100");
        given().auth().oauth2(hrss).when().post("/api/tasks/" + id + "/claim").then().statusCode(200);
        office().contentType(ContentType.JSON).body("{}").when().post("/api/tasks/" + id + "/closing").then().statusCode(409)
                .body("detail", containsString("after the requester accepted"));

        kafka.publish(new EventEnvelope(UUID.randomUUID().toString(), EventTypes.COMPLETION_ACCEPTED, "/dual-list/progress", id,
                java.time.Instant.now(), 0, new CompletionAcceptedEvent(UUID.fromString(id), java.time.Instant.now(),
                new Actor("wang", ActorRole.UNIT, REQUESTER_UNIT, org.duallist.contracts.UnitSide.MILITARY, "150100"))));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                office().contentType(ContentType.JSON).body(Map.of("note", "验收合格"))
                        .post("/api/tasks/" + id + "/closing").statusCode() == 200);
        office().when().get("/api/tasks/" + id).then().body("status", equalTo("CLOSED"));
        requester().contentType(ContentType.JSON).body(Map.of("reason", "撤销"))
                .when().post("/api/tasks/" + id + "/withdrawal").then().statusCode(409);
    }

    @Test
    void aTaskIsAmendedBeforeItsClaimAndNotAfter() {
        String id = file("修改事项");
        requester().contentType(ContentType.JSON).body(Map.of("content", "为驻地部队4名随军家属协调就业岗位", "reason", "补报1名家属"))
                .when().post("/api/tasks/" + id + "/amendment")
                .then().statusCode(200).body("content", equalTo("为驻地部队4名随军家属协调就业岗位"));
        requester().contentType(ContentType.JSON).body(Map.of("title", " ", "reason", "空标题"))
                .when().post("/api/tasks/" + id + "/amendment")
                .then().statusCode(400).body("errors[0].field", equalTo("title"));
        office().contentType(ContentType.JSON).body(registration(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30)))
                .when().post("/api/tasks/" + id + "/registration").then().statusCode(200);
        office().contentType(ContentType.JSON).body(Map.of("coUnits", List.of("新城区人民政府"), "reason", "属地配合"))
                .when().post("/api/tasks/" + id + "/amendment")
                .then().statusCode(200).body("coUnits", contains("新城区人民政府"));
        requester().contentType(ContentType.JSON).body(Map.of("content", "再改", "reason", "部队要改"))
                .when().post("/api/tasks/" + id + "/amendment")
                .then().statusCode(403).body("detail", containsString("dual-support office"));
        given().auth().oauth2(TestTokens.civilUnit("呼和浩特市人力资源和社会保障局", "150100"))
                .when().post("/api/tasks/" + id + "/claim").then().statusCode(200);
        office().contentType(ContentType.JSON).body(Map.of("content", "签收后再改", "reason", "晚了"))
                .when().post("/api/tasks/" + id + "/amendment")
                .then().statusCode(409).body("detail", containsString("before the responsible unit claims"));

        List<KafkaTestClient.ReadEvent> published = awaitPublished(id, 5);
        assertThat(published).extracting(e -> e.envelope().type().name()).containsExactly(
                "dual-list.task.filed.v1", "dual-list.task.amended.v1", "dual-list.task.registered.v1",
                "dual-list.task.amended.v1", "dual-list.task.claimed.v1");
    }

    @Test
    void aFailedAuditReopensTheAcceptedTaskOnceAndItNeedsANewAcceptance() {
        String id = claimedTask("核查事项");
        acceptCompletion(id, 0);
        UUID audit = UUID.randomUUID();
        Actor auditor = new Actor("li", ActorRole.OFFICE, null, null, "150100");
        for (long sequence = 0; sequence < 2; sequence++) {
            // the second is the same audit again, as a redelivery after a crash would bring it
            kafka.publish(new EventEnvelope(UUID.randomUUID().toString(), EventTypes.TASK_AUDITED, "/dual-list/supervision", id,
                    java.time.Instant.now(), sequence, new TaskAuditedEvent(UUID.fromString(id), audit, AuditOutcome.FAILED, 1,
                    "1名家属岗位与专业不符", java.time.Instant.now(), auditor)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                office().when().get("/api/tasks/" + id).then().extract().<Integer>path("reopenings") == 1);
        office().when().get("/api/tasks/" + id).then().body("status", equalTo("CLAIMED"));
        office().contentType(ContentType.JSON).body("{}").when().post("/api/tasks/" + id + "/closing")
                .then().statusCode(409).body("detail", containsString("after the requester accepted"));
        office().contentType(ContentType.JSON).body(Map.of("reason", "再次重开"))
                .when().post("/api/tasks/" + id + "/reopening")
                .then().statusCode(409).body("detail", containsString("work goes on"));

        List<KafkaTestClient.ReadEvent> published = awaitPublished(id, 4);
        assertThat(published).extracting(e -> e.envelope().type().name()).containsExactly(
                "dual-list.task.filed.v1", "dual-list.task.registered.v1", "dual-list.task.claimed.v1", "dual-list.task.reopened.v1");
        TaskReopenedEvent reopened = (TaskReopenedEvent) published.get(3).envelope().data();
        assertThat(reopened.auditId()).isEqualTo(audit);
        assertThat(reopened.reason()).contains("1名家属岗位与专业不符");
        assertThat(reopened.actor()).isEqualTo(auditor);
    }

    @Test
    void theOfficeReopensAWronglyClosedTaskWithANewDeadline() {
        String id = claimedTask("误销号事项");
        acceptCompletion(id, 0);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                office().contentType(ContentType.JSON).body(Map.of("note", "验收合格"))
                        .post("/api/tasks/" + id + "/closing").statusCode() == 200);
        LocalDate newDeadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(45);
        office().contentType(ContentType.JSON).body(Map.of("reason", "销号依据不足",
                        "deadline", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString()))
                .when().post("/api/tasks/" + id + "/reopening").then().statusCode(400).body("errors[0].field", equalTo("deadline"));
        office().contentType(ContentType.JSON).body(Map.of("reason", "销号依据不足", "deadline", newDeadline.toString()))
                .when().post("/api/tasks/" + id + "/reopening")
                .then().statusCode(200)
                .body("status", equalTo("CLAIMED"))
                .body("deadline", equalTo(newDeadline.toString()))
                .body("reopenings", equalTo(1));
        requester().contentType(ContentType.JSON).body(Map.of("reason", "部队重开"))
                .when().post("/api/tasks/" + id + "/reopening").then().statusCode(403);
    }

    private static String claimedTask(String title) {
        String id = file(title);
        office().contentType(ContentType.JSON).body(registration(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30)))
                .when().post("/api/tasks/" + id + "/registration").then().statusCode(200);
        given().auth().oauth2(TestTokens.civilUnit("呼和浩特市人力资源和社会保障局", "150100"))
                .when().post("/api/tasks/" + id + "/claim").then().statusCode(200);
        return id;
    }

    private void acceptCompletion(String id, long sequence) {
        kafka.publish(new EventEnvelope(UUID.randomUUID().toString(), EventTypes.COMPLETION_ACCEPTED, "/dual-list/progress", id,
                java.time.Instant.now(), sequence, new CompletionAcceptedEvent(UUID.fromString(id), java.time.Instant.now(),
                new Actor("wang", ActorRole.UNIT, REQUESTER_UNIT, org.duallist.contracts.UnitSide.MILITARY, "150100"))));
    }

    @Test
    void topicsAreCreatedAtStartWithTheConfiguredPartitionsAndNoRetentionLimit() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", DualListTestStack.kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.listTopics().names().get().contains(Topics.REGISTRATION));
            TopicDescription topic = admin.describeTopics(List.of(Topics.REGISTRATION)).allTopicNames().get().get(Topics.REGISTRATION);
            assertThat(topic.partitions()).hasSize(6);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.REGISTRATION);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(config.get("retention.bytes").value()).isEqualTo("-1");
        }
    }

    @Test
    void openApiDescribesTheDomainInChinese() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body(containsString("立项交办"))
                .body(containsString("需求提报"));
    }

    @Test
    void readinessCoversDatabaseAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body(containsString("Database connections health check"))
                .body(containsString("Kafka"));
    }

    private List<KafkaTestClient.ReadEvent> awaitPublished(String taskId, int count) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<KafkaTestClient.ReadEvent> mine = List.of();
        while (System.nanoTime() < until) {
            mine = kafka.readAll(Topics.REGISTRATION, Duration.ofSeconds(5)).stream()
                    .filter(e -> taskId.equals(e.key()))
                    .toList();
            if (mine.size() >= count) {
                return mine;
            }
        }
        throw new AssertionError("expected " + count + " events of " + taskId + " on Kafka, saw " + mine.size());
    }

    private static long storedEvents() throws SQLException {
        try (Connection connection = DualListTestStack.adminConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM registration.domainevententry");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
