package org.duallist.query.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.TaskList;
import org.duallist.query.TaskEvents;
import org.duallist.testing.DualListTestStack;
import io.restassured.specification.RequestSpecification;
import org.duallist.testing.KafkaTestClient;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Events published on the real broker reach the read model and the query API, once each. */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class TaskQueryIntegrationTest {

    private static final String PROVINCE_LEADER = TestTokens.leader("150000");
    private final KafkaTestClient kafka = new KafkaTestClient();

    private static RequestSpecification leader() {
        return given().auth().oauth2(PROVINCE_LEADER);
    }

    private static RequestSpecification anonymous() {
        return given();
    }

    private static void awaitTotal(String path, int total) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                leader().when().get(path).then().statusCode(200).body("total", equalTo(total)));
    }

    @Test
    void aRegisteredTaskPastItsDeadlineIsOverdueWithItsDaysOverdue() {
        String requester = "测试人武部-" + UUID.randomUUID();
        UUID late = UUID.randomUUID();
        UUID onTime = UUID.randomUUID();
        UUID onlyFiled = UUID.randomUUID();
        kafka.publish(TaskEvents.filed(late, "150102", TaskList.SUPPORT_THE_MILITARY, "逾期事项", requester));
        kafka.publish(TaskEvents.registered(late, "呼和浩特市教育局", LocalDate.of(2026, 5, 31)));
        kafka.publish(TaskEvents.filed(onTime, "150103", TaskList.SUPPORT_THE_MILITARY, "未到期事项", requester));
        kafka.publish(TaskEvents.registered(onTime, "呼和浩特市教育局", LocalDate.of(2026, 6, 30)));
        kafka.publish(TaskEvents.filed(onlyFiled, "150104", TaskList.SUPPORT_THE_MILITARY, "未立项事项", requester));

        awaitTotal("/api/tasks?requesterUnit=" + requester, 3);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                leader().when().get("/api/tasks/" + onTime).then().body("status", equalTo("REGISTERED")));

        leader().when().get("/api/tasks/overdue?asOf=2026-06-10&region=150100&responsibleUnit=呼和浩特市教育局")
                .then().statusCode(200)
                .body("asOf", equalTo("2026-06-10"))
                .body("items.id", hasItem(late.toString()))
                .body("items.find { it.id == '" + late + "' }.daysOverdue", equalTo(10))
                .body("items.id.findAll { it == '" + onTime + "' }.size()", equalTo(0))
                .body("items.id.findAll { it == '" + onlyFiled + "' }.size()", equalTo(0));
        // the day of the deadline itself is not yet overdue
        leader().when().get("/api/tasks/overdue?asOf=2026-05-31&responsibleUnit=呼和浩特市教育局")
                .then().body("items.id.findAll { it == '" + late + "' }.size()", equalTo(0));
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        String requester = "重复投递测试-" + UUID.randomUUID();
        UUID id = UUID.randomUUID();
        EventEnvelope filed = TaskEvents.filed(id, "150122", TaskList.SUPPORT_THE_PEOPLE, "学生军训", requester);
        EventEnvelope registered = TaskEvents.registered(id, "武警呼和浩特支队", LocalDate.of(2026, 9, 1));
        kafka.publish(filed);
        kafka.publish(registered);
        kafka.publish(filed);
        kafka.publish(registered);
        UUID marker = UUID.randomUUID();
        kafka.publish(TaskEvents.filed(marker, "150122", TaskList.SUPPORT_THE_PEOPLE, "标记", requester));

        awaitTotal("/api/tasks?requesterUnit=" + requester, 2);
        leader().when().get("/api/tasks/" + id).then().statusCode(200)
                .body("status", equalTo("REGISTERED"))
                .body("coUnits", contains("呼和浩特市退役军人事务局"));
        leader().when().get("/api/tasks/" + id + "/history").then().statusCode(200)
                .body("label", contains("需求提报", "立项交办"))
                .body("sequence", contains(0, 1))
                .body("[0].actorUnit", equalTo(requester))
                .body("[1].actorRole", equalTo("OFFICE"))
                .body("[1].details.responsibleUnit", equalTo("武警呼和浩特支队"));
        given().auth().oauth2(TestTokens.civilUnit("无关单位", "150100")).when().get("/api/tasks/" + id + "/history")
                .then().statusCode(403);
    }

    @Test
    void aCityMatchesItsCountiesAndAProvinceItsCities() {
        String requester = "区域测试-" + UUID.randomUUID();
        UUID hohhot = UUID.randomUUID();
        UUID baotou = UUID.randomUUID();
        kafka.publish(TaskEvents.filed(hohhot, "150102", TaskList.SUPPORT_THE_MILITARY, "呼和浩特事项", requester));
        kafka.publish(TaskEvents.filed(baotou, "150202", TaskList.SUPPORT_THE_MILITARY, "包头事项", requester));
        awaitTotal("/api/tasks?requesterUnit=" + requester, 2);

        leader().when().get("/api/tasks?region=150100&requesterUnit=" + requester)
                .then().body("items.id", contains(hohhot.toString()));
        leader().when().get("/api/tasks?region=150102&requesterUnit=" + requester)
                .then().body("items.id", contains(hohhot.toString()));
        leader().when().get("/api/tasks?region=150000&requesterUnit=" + requester + "&sort=title,asc")
                .then().body("items.id", containsInAnyOrder(hohhot.toString(), baotou.toString()))
                .body("items.title", contains("包头事项", "呼和浩特事项"));
        leader().when().get("/api/tasks?region=150000&requesterUnit=" + requester + "&size=1&page=1")
                .then().body("items.size()", equalTo(1)).body("total", equalTo(2)).body("totalPages", equalTo(2));
    }

    @Test
    void badParametersAreNamedInAProblem() {
        leader().when().get("/api/tasks?status=DONE&region=12&sort=colour")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("status", "region", "sort"));
        leader().when().get("/api/tasks/overdue?asOf=2026-02-30")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        leader().when().get("/api/tasks?category=WEATHER")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("category"));
        leader().when().get("/api/tasks?size=100000")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void readsAreScopedToTheCallersRegionOrUnit() {
        String requester = "作用域测试-" + UUID.randomUUID();
        UUID hohhot = UUID.randomUUID();
        UUID baotou = UUID.randomUUID();
        kafka.publish(TaskEvents.filed(hohhot, "150102", TaskList.SUPPORT_THE_MILITARY, "呼和浩特事项", requester));
        kafka.publish(TaskEvents.registered(hohhot, "责任单位-" + requester, LocalDate.of(2026, 4, 30)));
        kafka.publish(TaskEvents.filed(baotou, "150202", TaskList.SUPPORT_THE_MILITARY, "包头事项", requester));
        awaitTotal("/api/tasks?requesterUnit=" + requester, 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                leader().when().get("/api/tasks/" + hohhot).then().body("status", equalTo("REGISTERED")));

        String hohhotOffice = TestTokens.office("150100");
        given().auth().oauth2(hohhotOffice).when().get("/api/tasks?requesterUnit=" + requester)
                .then().statusCode(200).body("items.id", contains(hohhot.toString()));
        given().auth().oauth2(hohhotOffice).when().get("/api/tasks/" + baotou).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(hohhotOffice).when().get("/api/tasks?region=150200").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("outside your region"));
        given().auth().oauth2(hohhotOffice).when().get("/api/tasks/overdue?asOf=2026-06-01&requesterUnit=" + requester)
                .then().statusCode(200);

        String responsible = TestTokens.civilUnit("责任单位-" + requester, "150100");
        given().auth().oauth2(responsible).when().get("/api/tasks?region=150000")
                .then().statusCode(200).body("items.id", contains(hohhot.toString()));
        given().auth().oauth2(responsible).when().get("/api/tasks/" + baotou).then().statusCode(403);
        given().auth().oauth2(TestTokens.militaryUnit(requester, "150000")).when().get("/api/tasks?requesterUnit=" + requester)
                .then().body("total", equalTo(2));
        given().auth().oauth2(TestTokens.civilUnit("无关单位", "150100")).when().get("/api/tasks/" + hohhot).then().statusCode(403);
    }

    @Test
    void withoutATokenReadsAre401() {
        anonymous().when().get("/api/tasks").then().statusCode(401).contentType("application/problem+json");
        anonymous().when().get("/api/tasks/overdue").then().statusCode(401);
    }

    @Test
    void anUnknownTaskIsAProblem404() {
        leader().when().get("/api/tasks/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void overdueDefaultsToTodayInShanghai() {
        leader().when().get("/api/tasks/overdue")
                .then().statusCode(200)
                .body("asOf", equalTo(LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString()));
    }

    @Test
    void healthAndOpenApiAreServed() {
        anonymous().when().get("/q/health/ready").then().statusCode(200);
        anonymous().when().get("/q/openapi?format=json").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("逾期事项"));
    }
}
