package org.duallist.progress.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.Contact;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskClaimedEvent;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.contracts.UnitSide;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.KafkaTestClient;
import org.duallist.testing.TestTokens;
import org.duallist.testing.fuzz.ApiFuzzer;
import org.duallist.testing.fuzz.FuzzReport;
import org.duallist.testing.fuzz.StateProbe;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the progress service's OpenAPI document, fuzzed: no answer of 500 or more,
 * and no refused request appends an event (or keeps an Idempotency-Key). The tasks, learned from
 * registration events on the broker, live in 石家庄市 (130100), a region no other test uses.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "progress"))
class ApiFuzzTest {

    private static final String CITY = "130100";
    private static final String REQUESTER = "石家庄警备区政治工作处";
    private static final String RESPONSIBLE = "石家庄市人力资源和社会保障局";
    private static final Actor OFFICE = new Actor("office-" + CITY, ActorRole.OFFICE, null, null, CITY);
    private static final Actor REQUESTER_ACTOR = new Actor("requester-" + CITY, ActorRole.UNIT, REQUESTER, UnitSide.MILITARY, CITY);
    private static final Actor RESPONSIBLE_ACTOR = new Actor("responsible-" + CITY, ActorRole.UNIT, RESPONSIBLE, UnitSide.CIVIL, CITY);
    private static final Instant AT = Instant.parse("2026-11-02T02:00:00Z");

    private final KafkaTestClient kafka = new KafkaTestClient();

    @Test
    void noServerErrorsAndNoRefusalChangesTheEventStore() {
        List<UUID> tasks = new ArrayList<>();
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID id = UUID.randomUUID();
            tasks.add(id);
            events.add(registration(id, 0, new TaskFiledEvent(id, TaskList.SUPPORT_THE_MILITARY, "130102", 2026, "家属就业" + i,
                    "协调岗位", TaskCategory.SPOUSE_EMPLOYMENT, REQUESTER, new Contact("王参谋", "0311-86901234"), AT, REQUESTER_ACTOR)));
            events.add(registration(id, 1, new TaskRegisteredEvent(id, RESPONSIBLE, List.of(), LocalDate.of(2027, 6, 30),
                    "家属满意", AT, OFFICE)));
            events.add(registration(id, 2, new TaskClaimedEvent(id, AT, RESPONSIBLE_ACTOR)));
        }
        kafka.publishAll(events);
        List<String> obstacles = new ArrayList<>();
        for (UUID id : tasks) {
            obstacles.add(await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    as(RESPONSIBLE_ACTOR).body(Map.of("description", "需财政协调补贴")).post("/api/tasks/" + id + "/obstacles")
                            .then().extract().path("obstacleId"), obstacle -> obstacle != null));
        }
        // two tasks wait for acceptance, so that acceptance, rejection and rating are reached too
        for (UUID id : tasks.subList(0, 2)) {
            as(RESPONSIBLE_ACTOR).body(Map.of("summary", "已完成", "evidenceLinks", List.of("/evidence/1")))
                    .post("/api/tasks/" + id + "/completion").then().statusCode(200);
        }

        FuzzReport report = ApiFuzzer.onPort(RestAssured.port, "progress")
                .callers(TestTokens.mint(RESPONSIBLE_ACTOR), TestTokens.mint(REQUESTER_ACTOR), TestTokens.mint(OFFICE))
                .badTokens(TestTokens.forged(RESPONSIBLE_ACTOR), TestTokens.mint(new Actor("nobody", ActorRole.UNIT, null, UnitSide.CIVIL, CITY)))
                .known("id", tasks.stream().map(UUID::toString).toArray())
                .known("obstacleId", obstacles.toArray())
                .known("evidenceLinks[]", "/evidence/2", "https://example.org/evidence/3")
                .state(StateProbe.rowsOf("progress", "domainevententry", "idempotent_request"))
                .requests(2_500)
                .run();

        System.out.println(report.summary());
        report.writeTo(Path.of("target/fuzz-reports/progress.txt"));
        assertThat(report.requests()).isGreaterThanOrEqualTo(2_500);
        assertThat(report.findings()).as(report::summary).isEmpty();
    }

    private static io.restassured.specification.RequestSpecification as(Actor actor) {
        return given().auth().oauth2(TestTokens.mint(actor)).contentType(ContentType.JSON);
    }

    private static EventEnvelope registration(UUID id, long sequence, Object data) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.byPayloadType(data.getClass()).orElseThrow(),
                "/dual-list/registration", id.toString(), AT, sequence, data);
    }
}
