package org.duallist.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.duallist.contracts.Contact;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.contracts.UnitSide;
import org.duallist.query.messaging.WebhookDispatcher;
import org.duallist.testing.DualListTestStack;
import org.duallist.platform.metrics.MetricNames;
import org.duallist.testing.KafkaTestClient;
import org.duallist.testing.ScrapedMetrics;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Webhooks over the real broker and database: the office of 兴安盟 (152200) registers a URL for a
 * unit; the unit's new assignment is posted there, signed, retried after the receiver's first 500,
 * and the delivery log says so. Loopback targets are allowed here, as in the local stack, since the
 * receiver runs on 127.0.0.1; the suite's own services stay refused.
 */
@QuarkusTest
@TestProfile(WebhookResourceTest.LoopbackTargetsAllowed.class)
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class WebhookResourceTest {

    private static final String LEAGUE = "152200";
    /** Ports where, in this profile, the suite's own services are said to listen (nothing does). */
    private static final int OWN_REGISTRATION_PORT = 18081;
    private static final int OWN_PROGRESS_PORT = 18082;

    public static class LoopbackTargetsAllowed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "dual-list.webhooks.allow-loopback-targets", "true",
                    "dual-list.webhooks.own-services",
                    "http://127.0.0.1:" + OWN_REGISTRATION_PORT + ",localhost:" + OWN_PROGRESS_PORT);
        }
    }
    private static final String UNIT = "兴安盟教育局";

    /** What the receiver got: headers of interest and the body. */
    private record Received(Map<String, String> headers, String body) {
    }

    @Test
    void anAssignmentIsPostedSignedAndRetriedUntilTheReceiverTakesIt() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(Map.of(
                    "timestamp", exchange.getRequestHeaders().getFirst(WebhookDispatcher.TIMESTAMP),
                    "signature", exchange.getRequestHeaders().getFirst(WebhookDispatcher.SIGNATURE),
                    "delivery", exchange.getRequestHeaders().getFirst(WebhookDispatcher.DELIVERY),
                    "event", exchange.getRequestHeaders().getFirst(WebhookDispatcher.EVENT)), body));
            // the first attempt fails, as a receiver that is down would
            exchange.sendResponseHeaders(received.size() == 1 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
        ScrapedMetrics before = ScrapedMetrics.scrape();
        try {
            String office = TestTokens.office(LEAGUE);
            given().auth().oauth2(TestTokens.civilUnit(UNIT, LEAGUE)).contentType(ContentType.JSON)
                    .body(Map.of("unit", UNIT, "url", "http://127.0.0.1/x")).when().post("/api/webhooks")
                    .then().statusCode(403);
            given().auth().oauth2(office).contentType(ContentType.JSON).body(Map.of("unit", UNIT, "url", "ftp://x"))
                    .when().post("/api/webhooks").then().statusCode(400);
            JsonPath hook = given().auth().oauth2(office).contentType(ContentType.JSON)
                    .body(Map.of("unit", UNIT, "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"))
                    .when().post("/api/webhooks").then().statusCode(201).extract().jsonPath();
            String secret = hook.getString("secret");
            assertThat(secret).hasSize(48);

            UUID task = UUID.randomUUID();
            Actor requester = new Actor("requester", ActorRole.UNIT, "兴安军分区政治工作处", UnitSide.MILITARY, LEAGUE);
            new KafkaTestClient().publishAll(List.of(
                    envelope(task, 0, new TaskFiledEvent(task, TaskList.SUPPORT_THE_MILITARY, "152201", LocalDate.now().getYear(),
                            "军人子女入学", "军人子女入学的内容", TaskCategory.CHILDREN_EDUCATION, requester.unit(), new Contact("联系人",
                            "13900000000"), Instant.now(), requester)),
                    envelope(task, 1, new TaskRegisteredEvent(task, UNIT, List.of(), LocalDate.now().plusDays(30), "按期办结",
                            Instant.now(), new Actor("office", ActorRole.OFFICE, null, null, LEAGUE)))));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> received.size() >= 2);
            Received first = received.get(0);
            Received second = received.get(1);
            assertThat(second.headers().get("delivery")).isEqualTo(first.headers().get("delivery"));
            assertThat(second.headers().get("event")).isEqualTo("ASSIGNED");
            assertThat(second.headers().get("signature"))
                    .isEqualTo("sha256=" + WebhookDispatcher.sign(secret, second.headers().get("timestamp"), second.body()));
            JsonNode notification = new ObjectMapper().readTree(second.body());
            assertThat(notification.path("taskId").asText()).isEqualTo(task.toString());
            assertThat(notification.path("responsibleUnit").asText()).isEqualTo(UNIT);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    given().auth().oauth2(office).when().get("/api/webhooks/" + hook.getString("id") + "/deliveries")
                            .then().statusCode(200)
                            .body("[0].status", org.hamcrest.Matchers.is("DELIVERED"))
                            .body("[0].attempts", org.hamcrest.Matchers.is(2))
                            .body("[0].lastStatus", org.hamcrest.Matchers.is(204)));
            assertThat(received).hasSize(2);
            ScrapedMetrics after = ScrapedMetrics.scrape();
            Map<String, String> delivered = Map.of("outcome", "delivered");
            Map<String, String> failed = Map.of("outcome", "failed");
            assertThat(after.count(MetricNames.WEBHOOK_DELIVERIES, delivered) - before.count(MetricNames.WEBHOOK_DELIVERIES, delivered))
                    .isGreaterThanOrEqualTo(1);
            assertThat(after.count(MetricNames.WEBHOOK_DELIVERIES, failed) - before.count(MetricNames.WEBHOOK_DELIVERIES, failed))
                    .isGreaterThanOrEqualTo(1);
            given().auth().oauth2(office).when().get("/api/webhooks").then().statusCode(200)
                    .body("find { it.id == '" + hook.getString("id") + "' }.secret", org.hamcrest.Matchers.nullValue());
            given().auth().oauth2(TestTokens.office("150100")).when().get("/api/webhooks/" + hook.getString("id") + "/deliveries")
                    .then().statusCode(404);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void theSuitesOwnServicesStayRefusedWhileLoopbackIsAllowed() {
        String office = TestTokens.office(LEAGUE);
        for (String url : List.of(
                "http://127.0.0.1:" + OWN_REGISTRATION_PORT + "/api/tasks",
                "http://localhost:" + OWN_REGISTRATION_PORT + "/api/tasks",
                "http://[::1]:" + OWN_PROGRESS_PORT + "/api/tasks",
                "http://127.0.0.2:" + OWN_PROGRESS_PORT + "/api/tasks")) {
            given().auth().oauth2(office).contentType(ContentType.JSON).body(Map.of("unit", UNIT, "url", url))
                    .when().post("/api/webhooks")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", org.hamcrest.Matchers.is("url"))
                    .body("errors[0].message", org.hamcrest.Matchers.startsWith("points at the suite's own service"));
        }
        // loopback itself is allowed here, on a port no service of the suite uses
        given().auth().oauth2(office).contentType(ContentType.JSON)
                .body(Map.of("unit", "兴安盟推送校验单位", "url", "http://127.0.0.1:" + (OWN_PROGRESS_PORT + 1) + "/hook"))
                .when().post("/api/webhooks")
                .then().statusCode(201);
    }

    private static EventEnvelope envelope(UUID id, long sequence, Object data) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.byPayloadType(data.getClass()).orElseThrow(),
                "/dual-list/registration", id.toString(), Instant.now(), sequence, data);
    }
}
