package org.duallist.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.duallist.contracts.Actor;
import org.duallist.contracts.Contact;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.contracts.UnitSide;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.KafkaTestClient;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Webhook URLs as a deployment takes them (loopback not allowed): a URL that could turn the query
 * service against its own machine or its network's metadata service is refused with 400 naming
 * {@code url}, and a webhook whose URL comes to point at such a place after it was registered is
 * not posted to. None of these URLs is ever contacted.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class WebhookTargetTest {

    private static final String LEAGUE = "152500";
    private static final String OFFICE = TestTokens.office(LEAGUE);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ftp://receiver.example/hook              | must be an http or https URL
            file:///etc/passwd                       | must be an http or https URL
            http://127.0.0.1:8080/hook               | resolves to a loopback address (127.0.0.1)
            http://127.8.9.10/hook                   | resolves to a loopback address (127.8.9.10)
            http://localhost:8081/hook               | resolves to a loopback address
            http://[::1]:8082/hook                   | resolves to a loopback address
            http://169.254.169.254/latest/meta-data/ | resolves to a link-local address (169.254.169.254)
            http://[fe80::1]/hook                    | resolves to a link-local address
            http://0.0.0.0:8083/hook                 | resolves to an unspecified (any-local) address
            http://[::]/hook                         | resolves to an unspecified (any-local) address
            https://receiver.invalid/hook            | names a host that cannot be resolved: receiver.invalid
            """)
    void aUrlThatPointsAtThisMachineOrNowhereIsRefused(String url, String reason) {
        given().auth().oauth2(OFFICE).contentType(ContentType.JSON)
                .body(Map.of("unit", "锡林郭勒盟教育局", "url", url))
                .when().post("/api/webhooks")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].message", startsWith(reason));
    }

    @Test
    void anIntranetAddressIsTaken() {
        // registered only: no task of this unit ever exists here, so nothing is ever posted to it
        given().auth().oauth2(OFFICE).contentType(ContentType.JSON)
                .body(Map.of("unit", "锡林郭勒盟推送校验单位", "url", "http://10.20.30.40:8443/dual-list/hook"))
                .when().post("/api/webhooks")
                .then().statusCode(201)
                .body("url", equalTo("http://10.20.30.40:8443/dual-list/hook"));
    }

    @Test
    void aWebhookWhoseUrlNowPointsAtThisMachineIsNotPostedTo() throws Exception {
        AtomicInteger posts = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            posts.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String unit = "锡林郭勒盟交通运输局";
            // as if its name resolved elsewhere when it was registered and to this machine now: stored as is
            UUID hook = UUID.randomUUID();
            try (Connection db = DualListTestStack.adminConnection();
                 PreparedStatement insert = db.prepareStatement("INSERT INTO query.webhook (id, region_code, unit, url, secret,"
                         + " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, hook);
                insert.setString(2, LEAGUE);
                insert.setString(3, unit);
                insert.setString(4, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
                insert.setString(5, "0123456789abcdef0123456789abcdef0123456789abcdef");
                insert.setString(6, "office-" + LEAGUE);
                insert.setTimestamp(7, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }

            UUID task = UUID.randomUUID();
            Actor requester = new Actor("requester", ActorRole.UNIT, "锡林郭勒军分区政治工作处", UnitSide.MILITARY, LEAGUE);
            new KafkaTestClient().publishAll(List.of(
                    envelope(task, 0, new TaskFiledEvent(task, TaskList.SUPPORT_THE_MILITARY, "152502", LocalDate.now().getYear(),
                            "营区道路维修", "营区道路维修的内容", TaskCategory.CAMP_SURROUNDINGS, requester.unit(),
                            new Contact("联系人", "13900000000"), Instant.now(), requester)),
                    envelope(task, 1, new TaskRegisteredEvent(task, unit, List.of(), LocalDate.now().plusDays(30), "按期办结",
                            Instant.now(), new Actor("office", ActorRole.OFFICE, null, null, LEAGUE)))));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    given().auth().oauth2(OFFICE).when().get("/api/webhooks/" + hook + "/deliveries")
                            .then().statusCode(200)
                            .body("[0].status", equalTo("PENDING"))
                            .body("[0].lastError", startsWith("not posted: url resolves to a loopback address (127.0.0.1)")));
            assertThat(posts).hasValue(0);
        } finally {
            receiver.stop(0);
        }
    }

    private static EventEnvelope envelope(UUID id, long sequence, Object data) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.byPayloadType(data.getClass()).orElseThrow(),
                "/dual-list/registration", id.toString(), Instant.now(), sequence, data);
    }
}
