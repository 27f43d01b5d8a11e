package org.duallist.supervision.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.Map;
import org.duallist.platform.metrics.MetricNames;
import org.duallist.supervision.BusinessDays;
import org.duallist.supervision.TaskEvents;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.ScrapedMetrics;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What Prometheus scrapes from the supervision service: notices counted by grade and by what issued
 * them (the office by hand, the schedule of the rules), and the commands behind them timed.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "supervision"))
class MetricsTest {

    private static final LocalDate CLAIMED_ON = LocalDate.of(2027, 5, 1);
    private static final LocalDate DEADLINE = LocalDate.of(2027, 5, 31);
    private static final Map<String, String> SPECIAL_BY_HAND = Map.of("grade", "SPECIAL", "trigger", "manual");
    private static final Map<String, String> REMINDER_BY_SCHEDULE = Map.of("grade", "REMINDER", "trigger", "schedule");
    private static final Map<String, String> ISSUED = Map.of("command", "IssueSupervisionNotice", "outcome", MetricNames.ACCEPTED);
    private static final Map<String, String> REFUSED = Map.of("command", "IssueSupervisionNotice", "outcome", MetricNames.REJECTED);

    @AfterEach
    void realTime() {
        BusinessDays.reset();
    }

    @Test
    void everyGradeIsThereFromTheStart() {
        ScrapedMetrics metrics = ScrapedMetrics.scrape();
        for (String grade : new String[] {"REMINDER", "NOTICE", "SPECIAL", "REFERRAL"}) {
            assertThat(metrics.has(MetricNames.SUPERVISION_NOTICES, Map.of("grade", grade, "trigger", "manual"))).isTrue();
            assertThat(metrics.has(MetricNames.SUPERVISION_NOTICES, Map.of("grade", grade, "trigger", "schedule"))).isTrue();
        }
    }

    @Test
    void noticesAreCountedByGradeAndTrigger() {
        ScrapedMetrics before = ScrapedMetrics.scrape();
        TaskEvents special = TaskEvents.newTask().publishClaimed(CLAIMED_ON, DEADLINE);
        BusinessDays.moveTo(CLAIMED_ON.plusDays(2));
        Map<String, Object> notice = Map.of("grade", "SPECIAL", "reason", "汛期临近，营区道路险情", "replyDue", "2027-05-06");
        office().body(notice).post("/api/tasks/" + special.id() + "/notices").then().statusCode(200);
        office().body(notice).post("/api/tasks/" + special.id() + "/notices").then().statusCode(409);

        TaskEvents overdue = TaskEvents.newTask().publishClaimed(CLAIMED_ON, DEADLINE);
        BusinessDays.moveTo(DEADLINE.plusDays(1));
        BusinessDays.evaluate();
        given().auth().oauth2(TestTokens.office("150100")).get("/api/tasks/" + overdue.id() + "/supervision").then()
                .statusCode(200).body("grade", org.hamcrest.Matchers.equalTo("REMINDER"));

        ScrapedMetrics after = ScrapedMetrics.scrape();
        String notices = MetricNames.SUPERVISION_NOTICES;
        assertThat(after.count(notices, SPECIAL_BY_HAND) - before.count(notices, SPECIAL_BY_HAND)).isEqualTo(1);
        assertThat(after.count(notices, REMINDER_BY_SCHEDULE) - before.count(notices, REMINDER_BY_SCHEDULE)).isGreaterThanOrEqualTo(1);
        String commands = MetricNames.COMMANDS + "_count";
        assertThat(after.count(commands, ISSUED) - before.count(commands, ISSUED)).isEqualTo(1);
        assertThat(after.count(commands, REFUSED) - before.count(commands, REFUSED)).isEqualTo(1);
    }

    private static io.restassured.specification.RequestSpecification office() {
        return given().auth().oauth2(TestTokens.office("150100")).contentType(ContentType.JSON);
    }
}
