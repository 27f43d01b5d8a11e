package org.duallist.supervision.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.duallist.contracts.BusinessTime;
import org.duallist.supervision.TaskEvents;
import org.duallist.testing.AuthorizationMatrix;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every supervision endpoint against every kind of caller: the task's own units and one that is not,
 * the offices and leaders of the task's county, of its city and of another city, and no token. Each
 * case on a fresh claimed task in county 150121 of city 150100, brought to the state the step needs.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "supervision"))
class AuthorizationMatrixTest {

    private static final Map<String, String> CALLERS = new LinkedHashMap<>();

    static {
        CALLERS.put("requester", TestTokens.mint(TaskEvents.REQUESTER_ACTOR));
        CALLERS.put("responsible", TestTokens.mint(TaskEvents.RESPONSIBLE_ACTOR));
        CALLERS.put("co-unit", TestTokens.mint(TaskEvents.CO_UNIT_ACTOR));
        CALLERS.put("other unit", TestTokens.civilUnit("土默特左旗教育局", TaskEvents.REGION));
        CALLERS.put("county office", TestTokens.office(TaskEvents.REGION));
        CALLERS.put("city office", TestTokens.office("150100"));
        CALLERS.put("other county office", TestTokens.office("150122"));
        CALLERS.put("other city office", TestTokens.office("150200"));
        CALLERS.put("city leader", TestTokens.leader("150100"));
        CALLERS.put("other city leader", TestTokens.leader("150200"));
        CALLERS.put("anonymous", null);
    }

    private static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        //                                  req  resp co   oUnt cOff yOff oCoO oCiO lead oLea anon
        EXPECTED.put("supervision", new int[] {200, 200, 200, 403, 200, 200, 403, 403, 200, 403, 401});
        EXPECTED.put("notice",      new int[] {403, 403, 403, 403, 200, 200, 403, 403, 403, 403, 401});
        EXPECTED.put("response",    new int[] {403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 401});
        EXPECTED.put("audit",       new int[] {403, 403, 403, 403, 200, 200, 403, 403, 403, 403, 401});
    }

    static Stream<Arguments> matrix() {
        return AuthorizationMatrix.cases(CALLERS, EXPECTED);
    }

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @MethodSource("matrix")
    void eachCallerGetsWhatTheRulesSay(String endpoint, String caller, int expected) {
        LocalDate today = LocalDate.ofInstant(Instant.now(), BusinessTime.ZONE);
        TaskEvents task = TaskEvents.newTask().publishClaimed(today, today.plusDays(60));
        String notice = prepare(endpoint, task);
        Response response = call(endpoint, task, notice, AuthorizationMatrix.as(CALLERS.get(caller)));
        assertThat(response.statusCode()).as("%s by %s: %s", endpoint, caller, response.asString()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    private static Response call(String endpoint, TaskEvents task, String notice, RequestSpecification request) {
        String base = "/api/tasks/" + task.id();
        return switch (endpoint) {
            case "supervision" -> request.get(base + "/supervision");
            case "notice" -> request.body(Map.of("grade", "NOTICE", "reason", "进度缓慢，予以督办")).post(base + "/notices");
            case "response" -> request.body(Map.of("response", "已整改")).post(base + "/notices/" + notice + "/response");
            case "audit" -> request.body(Map.of("outcome", "PASSED")).post(base + "/audits");
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    /** Brings the task to the step's state; answers the id of the notice to respond to. */
    private static String prepare(String endpoint, TaskEvents task) {
        switch (endpoint) {
            case "response" -> {
                return AuthorizationMatrix.as(CALLERS.get("city office"))
                        .body(Map.of("grade", "NOTICE", "reason", "进度缓慢，予以督办"))
                        .post("/api/tasks/" + task.id() + "/notices").then().statusCode(200).extract().path("noticeId");
            }
            case "audit" -> task.publishAccepted(Instant.now());
            default -> {
            }
        }
        return null;
    }
}
