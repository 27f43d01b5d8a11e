package org.duallist.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
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
import org.duallist.testing.AuthorizationMatrix;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.KafkaTestClient;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every read of the query service against every kind of caller, on one task of 回民区 (150103) in
 * 呼和浩特市: its requester and another unit of the same side, its responsible unit, a co-unit, an
 * unrelated unit, the offices of the city, the province and another city, the leaders of the city
 * and of another city, and no token. A 200 on a list must also show the task exactly to those who
 * may read it.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class AuthorizationMatrixTest {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String REQUESTER = "回民区人民武装部-" + SUFFIX;
    private static final String RESPONSIBLE = "呼和浩特市民政局-" + SUFFIX;
    private static final String CO_UNIT = "回民区人民政府-" + SUFFIX;
    private static final UUID TASK = UUID.randomUUID();
    private static final LocalDate DEADLINE = LocalDate.of(2026, 4, 30);

    private static final Map<String, String> CALLERS = new LinkedHashMap<>();

    static {
        CALLERS.put("requester", TestTokens.militaryUnit(REQUESTER, "150100"));
        CALLERS.put("other military unit", TestTokens.militaryUnit("新城区人民武装部-" + SUFFIX, "150100"));
        CALLERS.put("responsible", TestTokens.civilUnit(RESPONSIBLE, "150100"));
        CALLERS.put("co-unit", TestTokens.civilUnit(CO_UNIT, "150103"));
        CALLERS.put("unrelated civil unit", TestTokens.civilUnit("呼和浩特市教育局-" + SUFFIX, "150100"));
        CALLERS.put("city office", TestTokens.office("150100"));
        CALLERS.put("province office", TestTokens.office("150000"));
        CALLERS.put("other city office", TestTokens.office("150200"));
        CALLERS.put("city leader", TestTokens.leader("150100"));
        CALLERS.put("other city leader", TestTokens.leader("150200"));
        CALLERS.put("anonymous", null);
    }

    /** Expected status per endpoint and caller, in the order of {@link #CALLERS}. */
    private static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        //                                    req  oMil resp co   unrl city prov oCty cLdr oLdr anon
        EXPECTED.put("task",            new int[] {200, 403, 200, 200, 403, 200, 200, 403, 200, 403, 401});
        EXPECTED.put("history",         new int[] {200, 403, 200, 200, 403, 200, 200, 403, 200, 403, 401});
        EXPECTED.put("list in region",  new int[] {200, 200, 200, 200, 200, 200, 200, 403, 200, 403, 401});
        EXPECTED.put("overdue in region", new int[] {200, 200, 200, 200, 200, 200, 200, 403, 200, 403, 401});
        EXPECTED.put("stats in region", new int[] {200, 200, 200, 200, 200, 200, 200, 403, 200, 403, 401});
    }

    /** Who sees the task in a list they may ask for. */
    private static final List<String> SEE_THE_TASK = List.of("requester", "responsible", "co-unit", "city office",
            "province office", "city leader");

    private static boolean published;

    static Stream<Arguments> matrix() {
        return AuthorizationMatrix.cases(CALLERS, EXPECTED);
    }

    @BeforeEach
    void publishTheTaskOnce() {
        if (published) {
            return;
        }
        Actor requester = new Actor("liu", ActorRole.UNIT, REQUESTER, UnitSide.MILITARY, "150100");
        Actor office = new Actor("li", ActorRole.OFFICE, null, null, "150100");
        new KafkaTestClient().publishAll(List.of(
                new EventEnvelope(UUID.randomUUID().toString(), EventTypes.TASK_FILED, "/dual-list/registration", TASK.toString(),
                        Instant.now(), 0, new TaskFiledEvent(TASK, TaskList.SUPPORT_THE_MILITARY, "150103", 2026, "营区供暖",
                        "协调营区冬季供暖", TaskCategory.SPOUSE_EMPLOYMENT, REQUESTER, new Contact("刘干事", "13800001111"),
                        Instant.parse("2026-02-01T02:00:00Z"), requester)),
                new EventEnvelope(UUID.randomUUID().toString(), EventTypes.TASK_REGISTERED, "/dual-list/registration", TASK.toString(),
                        Instant.now(), 1, new TaskRegisteredEvent(TASK, RESPONSIBLE, List.of(CO_UNIT), DEADLINE, "按期供暖",
                        Instant.parse("2026-02-10T02:00:00Z"), office))));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().auth().oauth2(CALLERS.get("city leader")).get("/api/tasks/" + TASK).statusCode() == 200);
        published = true;
    }

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @MethodSource("matrix")
    void eachCallerGetsWhatTheRulesSay(String endpoint, String caller, int expected) {
        var request = AuthorizationMatrix.as(CALLERS.get(caller));
        Response response = switch (endpoint) {
            case "task" -> request.get("/api/tasks/" + TASK);
            case "history" -> request.get("/api/tasks/" + TASK + "/history");
            case "list in region" -> request.get("/api/tasks?region=150100&size=500&year=2026&list=SUPPORT_THE_MILITARY"
                    + "&category=SPOUSE_EMPLOYMENT&responsibleUnit=" + RESPONSIBLE);
            case "overdue in region" -> request.get("/api/tasks/overdue?region=150100&asOf=2026-06-01&size=500&responsibleUnit="
                    + RESPONSIBLE);
            case "stats in region" -> request.get("/api/stats?region=150100&year=2026&asOf=2026-06-01");
            default -> throw new IllegalArgumentException(endpoint);
        };
        assertThat(response.statusCode()).as("%s by %s: %s", endpoint, caller, response.asString()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
            return;
        }
        boolean sees = SEE_THE_TASK.contains(caller);
        switch (endpoint) {
            case "list in region", "overdue in region" -> assertThat(response.jsonPath().<String>getList("items.id"))
                    .as("%s by %s", endpoint, caller)
                    .satisfies(ids -> assertThat(ids.contains(TASK.toString())).isEqualTo(sees));
            case "stats in region" -> assertThat(response.jsonPath().<String>getList("byResponsibleUnit.key"))
                    .as("%s by %s", endpoint, caller)
                    .satisfies(units -> assertThat(units.contains(RESPONSIBLE)).isEqualTo(sees));
            default -> { }
        }
    }
}
