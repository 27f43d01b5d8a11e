package org.duallist.query.rest;

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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.UnitSide;
import org.duallist.query.TaskEvents;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.KafkaTestClient;
import org.duallist.testing.TestTokens;
import org.duallist.testing.fuzz.ApiFuzzer;
import org.duallist.testing.fuzz.FuzzReport;
import org.duallist.testing.fuzz.StateProbe;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the query service's OpenAPI document, fuzzed: no answer of 500 or more, and
 * no refused request adds or removes a webhook or a delivery (the only tables the API writes).
 * The tasks live in 石家庄市 (130100), a region no other test uses.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class ApiFuzzTest {

    private static final String CITY = "130100";
    private static final String COUNTY = "130102";
    private static final String REQUESTER = "石家庄警备区政治工作处";
    private static final String RESPONSIBLE = "石家庄市人力资源和社会保障局";
    private static final String OFFICE_TOKEN = TestTokens.office(CITY);

    @Test
    void noServerErrorsAndNoRefusalChangesTheWebhooks() {
        List<String> ids = new ArrayList<>();
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id.toString());
            events.add(TaskEvents.filed(id, COUNTY, TaskList.SUPPORT_THE_MILITARY, "模糊测试事项" + i, REQUESTER));
            events.add(TaskEvents.registered(id, RESPONSIBLE, LocalDate.of(2026, 6, 30).plusMonths(i * 4L)));
        }
        new KafkaTestClient().publishAll(events);
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    given().auth().oauth2(OFFICE_TOKEN).get("/api/tasks/" + id).statusCode() == 200);
        }
        ids.add(given().auth().oauth2(OFFICE_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("unit", RESPONSIBLE, "url", "http://192.0.2.10/hook"))
                .post("/api/webhooks").then().statusCode(201).extract().path("id"));

        FuzzReport report = ApiFuzzer.onPort(RestAssured.port, "query")
                .callers(OFFICE_TOKEN, TestTokens.leader(CITY), TestTokens.civilUnit(RESPONSIBLE, CITY))
                .badTokens(TestTokens.forged(new Actor("leader-" + CITY, ActorRole.LEADER, null, null, CITY)),
                        TestTokens.mint(new Actor("nobody", ActorRole.UNIT, null, UnitSide.CIVIL, CITY)))
                .known("id", ids.toArray())
                .known("region", CITY, COUNTY)
                .known("responsibleUnit", RESPONSIBLE)
                .known("requesterUnit", REQUESTER)
                .known("unit", RESPONSIBLE)
                .known("url", "http://192.0.2.10/hook")
                .known("category", "SPOUSE_EMPLOYMENT", "DISASTER_RELIEF")
                .state(StateProbe.rowsOf("query", "webhook", "webhook_delivery"))
                .requests(2_500)
                .run();

        System.out.println(report.summary());
        report.writeTo(Path.of("target/fuzz-reports/query.txt"));
        assertThat(report.requests()).isGreaterThanOrEqualTo(2_500);
        assertThat(report.findings()).as(report::summary).isEmpty();
    }
}
