package org.duallist.supervision.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.CompletionAcceptedEvent;
import org.duallist.contracts.Contact;
import org.duallist.contracts.CompletionReportedEvent;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskClaimedEvent;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.contracts.UnitSide;
import org.duallist.supervision.BusinessDays;
import org.duallist.supervision.TaskEvents;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.TestTokens;
import org.duallist.testing.fuzz.ApiFuzzer;
import org.duallist.testing.fuzz.FuzzReport;
import org.duallist.testing.fuzz.StateProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the supervision service's OpenAPI document, fuzzed: no answer of 500 or
 * more, and no refused request appends an event (or keeps an Idempotency-Key). The tasks, learned
 * from events on the broker, live in 石家庄市 (130100), a region no other test uses; the fuzzer
 * also moves the (test-only) business clock, which is set back to real time afterwards.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "supervision"))
class ApiFuzzTest {

    private static final String CITY = "130100";
    private static final String COUNTY = "130102";
    private static final String REQUESTER = "石家庄警备区政治工作处";
    private static final String RESPONSIBLE = "石家庄市交通运输局";
    private static final Actor OFFICE = new Actor("office-" + CITY, ActorRole.OFFICE, null, null, CITY);
    private static final Actor REQUESTER_ACTOR = new Actor("requester-" + CITY, ActorRole.UNIT, REQUESTER, UnitSide.MILITARY, CITY);
    private static final Actor RESPONSIBLE_ACTOR = new Actor("responsible-" + CITY, ActorRole.UNIT, RESPONSIBLE, UnitSide.CIVIL, CITY);
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @AfterEach
    void realTime() {
        BusinessDays.reset();
    }

    @Test
    void noServerErrorsAndNoRefusalChangesTheEventStore() {
        List<String> tasks = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TaskEvents task = claimed(i);
            tasks.add(task.id().toString());
            if (i < 2) {
                Instant at = TaskEvents.on(TODAY);
                task.publish(task.progress(new CompletionReportedEvent(task.id(), "已完工", List.of("/evidence/1"), at, RESPONSIBLE_ACTOR), at),
                        task.progress(new CompletionAcceptedEvent(task.id(), at, REQUESTER_ACTOR), at));
                task.awaitFacts(facts -> facts.acceptedCompletions > facts.reopenings);
            } else {
                notices.add(given().auth().oauth2(TestTokens.mint(OFFICE)).contentType(ContentType.JSON)
                        .body(Map.of("grade", "NOTICE", "reason", "进度滞后"))
                        .post("/api/tasks/" + task.id() + "/notices").then().statusCode(200).extract().path("noticeId"));
            }
        }

        FuzzReport report = ApiFuzzer.onPort(RestAssured.port, "supervision")
                .callers(TestTokens.mint(OFFICE), TestTokens.mint(RESPONSIBLE_ACTOR), TestTokens.mint(REQUESTER_ACTOR))
                .badTokens(TestTokens.forged(OFFICE), TestTokens.mint(new Actor("nobody", ActorRole.UNIT, null, UnitSide.CIVIL, CITY)))
                .known("id", tasks.toArray())
                .known("noticeId", notices.toArray())
                .state(StateProbe.rowsOf("supervision", "domainevententry", "idempotent_request"))
                .requests(2_500)
                .run();

        System.out.println(report.summary());
        report.writeTo(Path.of("target/fuzz-reports/supervision.txt"));
        assertThat(report.requests()).isGreaterThanOrEqualTo(2_500);
        assertThat(report.findings()).as(report::summary).isEmpty();
    }

    private static TaskEvents claimed(int number) {
        TaskEvents task = TaskEvents.newTask();
        Instant at = TaskEvents.on(TODAY.minusDays(10));
        task.publish(task.registration(new TaskFiledEvent(task.id(), TaskList.SUPPORT_THE_MILITARY, COUNTY, TODAY.getYear(),
                        "营区道路硬化" + number, "修缮营区周边道路", TaskCategory.CAMP_SURROUNDINGS, REQUESTER, new Contact("张参谋", "0311-86901234"),
                        at, REQUESTER_ACTOR), at),
                task.registration(new TaskRegisteredEvent(task.id(), RESPONSIBLE, List.of(), TODAY.plusDays(60), "按期完工", at, OFFICE), at),
                task.registration(new TaskClaimedEvent(task.id(), at, RESPONSIBLE_ACTOR), at));
        task.awaitFacts(facts -> "CLAIMED".equals(facts.status));
        return task;
    }
}
