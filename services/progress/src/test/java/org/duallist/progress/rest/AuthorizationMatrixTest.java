package org.duallist.progress.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
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
import org.duallist.contracts.TaskClaimedEvent;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.contracts.UnitSide;
import org.duallist.testing.AuthorizationMatrix;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.KafkaTestClient;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every progress endpoint against every kind of caller, each case on a fresh claimed task that the
 * service learned from registration events on the broker, brought to the state the step needs.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "progress"))
class AuthorizationMatrixTest {

    private static final String REQUESTER = "土默特左旗人民武装部";
    private static final String RESPONSIBLE = "呼和浩特市住房和城乡建设局";
    private static final Actor REQUESTER_ACTOR = new Actor("requester", ActorRole.UNIT, REQUESTER, UnitSide.MILITARY, "150100");
    private static final Actor RESPONSIBLE_ACTOR = new Actor("responsible", ActorRole.UNIT, RESPONSIBLE, UnitSide.CIVIL, "150100");
    private static final Instant AT = Instant.parse("2026-11-01T02:00:00Z");

    private static final Map<String, String> CALLERS = new LinkedHashMap<>();

    static {
        CALLERS.put("requester", TestTokens.mint(REQUESTER_ACTOR));
        CALLERS.put("responsible", TestTokens.mint(RESPONSIBLE_ACTOR));
        CALLERS.put("other civil unit", TestTokens.civilUnit("呼和浩特市教育局", "150100"));
        CALLERS.put("city office", TestTokens.office("150100"));
        CALLERS.put("other city office", TestTokens.office("150200"));
        CALLERS.put("leader", TestTokens.leader("150100"));
        CALLERS.put("anonymous", null);
    }

    private static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        //                                 req  resp oCiv city oCty lead anon
        EXPECTED.put("progress",   new int[] {403, 200, 403, 403, 403, 403, 401});
        EXPECTED.put("obstacle",   new int[] {403, 200, 403, 403, 403, 403, 401});
        EXPECTED.put("resolution", new int[] {403, 200, 403, 200, 403, 403, 401});
        EXPECTED.put("completion", new int[] {403, 200, 403, 403, 403, 403, 401});
        EXPECTED.put("acceptance", new int[] {200, 403, 403, 403, 403, 403, 401});
        EXPECTED.put("rejection",  new int[] {200, 403, 403, 403, 403, 403, 401});
        EXPECTED.put("rating",     new int[] {200, 403, 403, 403, 403, 403, 401});
    }

    private static final KafkaTestClient KAFKA = new KafkaTestClient();

    static Stream<Arguments> matrix() {
        return AuthorizationMatrix.cases(CALLERS, EXPECTED);
    }

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @MethodSource("matrix")
    void eachCallerGetsWhatTheRulesSay(String endpoint, String caller, int expected) {
        UUID id = claimedTask();
        String obstacle = prepare(endpoint, id);
        Response response = call(endpoint, id, obstacle, as(CALLERS.get(caller)));
        assertThat(response.statusCode()).as("%s by %s: %s", endpoint, caller, response.asString()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    private static RequestSpecification as(String token) {
        return AuthorizationMatrix.as(token);
    }

    private static Response call(String endpoint, UUID id, String obstacle, RequestSpecification request) {
        String base = "/api/tasks/" + id;
        return switch (endpoint) {
            case "progress" -> request.body(Map.of("percent", 50, "narrative", "过半")).post(base + "/progress");
            case "obstacle" -> request.body(Map.of("description", "需规划部门协调")).post(base + "/obstacles");
            case "resolution" -> request.body(Map.of("resolution", "已协调")).post(base + "/obstacles/" + obstacle + "/resolution");
            case "completion" -> request.body(Map.of("summary", "已完工", "evidenceLinks", List.of("/evidence/9"))).post(base + "/completion");
            case "acceptance" -> request.post(base + "/acceptance");
            case "rejection" -> request.body(Map.of("reasons", "质量不达标")).post(base + "/rejection");
            case "rating" -> request.body(Map.of("score", 4, "comment", "满意")).post(base + "/rating");
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    /** Brings the task to the step's state; answers the open obstacle's id where one is needed. */
    private static String prepare(String endpoint, UUID id) {
        String base = "/api/tasks/" + id;
        RequestSpecification responsible = as(CALLERS.get("responsible"));
        switch (endpoint) {
            case "resolution" -> {
                return as(CALLERS.get("responsible")).body(Map.of("description", "需规划部门协调"))
                        .post(base + "/obstacles").then().statusCode(200).extract().path("obstacleId");
            }
            case "acceptance", "rejection" -> responsible.body(Map.of("summary", "已完工", "evidenceLinks", List.of()))
                    .post(base + "/completion").then().statusCode(200);
            case "rating" -> {
                responsible.body(Map.of("summary", "已完工", "evidenceLinks", List.of())).post(base + "/completion")
                        .then().statusCode(200);
                as(CALLERS.get("requester")).post(base + "/acceptance").then().statusCode(200);
            }
            default -> {
            }
        }
        return UUID.randomUUID().toString();
    }

    /** A task filed, registered and claimed, as the progress service learns it from Kafka. */
    private static UUID claimedTask() {
        UUID id = UUID.randomUUID();
        KAFKA.publish(registration(id, 0, new TaskFiledEvent(id, TaskList.SUPPORT_THE_MILITARY, "150121", 2026, "营区道路",
                "修缮营区周边道路", TaskCategory.CAMP_SURROUNDINGS, REQUESTER, new Contact("张参谋", "0471-6901234"), AT, REQUESTER_ACTOR)));
        KAFKA.publish(registration(id, 1, new TaskRegisteredEvent(id, RESPONSIBLE, List.of(), LocalDate.of(2027, 6, 30),
                "按期完工", AT, new Actor("office", ActorRole.OFFICE, null, null, "150100"))));
        KAFKA.publish(registration(id, 2, new TaskClaimedEvent(id, AT, RESPONSIBLE_ACTOR)));
        // the first report of the responsible unit is accepted once the claim is known here
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                as(CALLERS.get("responsible")).body(Map.of("percent", 10, "narrative", "开工"))
                        .post("/api/tasks/" + id + "/progress").statusCode() == 200);
        return id;
    }

    private static EventEnvelope registration(UUID id, long sequence, Object data) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.byPayloadType(data.getClass()).orElseThrow(),
                "/dual-list/registration", id.toString(), AT, sequence, data);
    }
}
