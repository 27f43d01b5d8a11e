package org.duallist.registration.rest;

import static org.awaitility.Awaitility.await;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.CompletionAcceptedEvent;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.UnitSide;
import org.duallist.testing.KafkaTestClient;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.duallist.testing.AuthorizationMatrix;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registration endpoint against every kind of caller: the requester and another unit of its
 * side, the responsible unit and another unit of its side, the office of the task's city, of its
 * province and of another city, a leader, and no token at all. Each case gets a fresh task in the
 * state the endpoint needs, so that a success in one case cannot hide a refusal in another.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "registration"))
class AuthorizationMatrixTest {

    private static final String REGION = "150102";
    private static final String REQUESTER = "回民区人民武装部";
    private static final String RESPONSIBLE = "呼和浩特市卫生健康委员会";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** The callers, by name; null is a request without a token. */
    private static final Map<String, String> CALLERS = new LinkedHashMap<>();

    static {
        CALLERS.put("requester", TestTokens.militaryUnit(REQUESTER, "150100"));
        CALLERS.put("other military unit", TestTokens.militaryUnit("新城区人民武装部", "150100"));
        CALLERS.put("responsible", TestTokens.civilUnit(RESPONSIBLE, "150100"));
        CALLERS.put("other civil unit", TestTokens.civilUnit("呼和浩特市教育局", "150100"));
        CALLERS.put("city office", TestTokens.office("150100"));
        CALLERS.put("province office", TestTokens.office("150000"));
        CALLERS.put("other city office", TestTokens.office("150200"));
        CALLERS.put("leader", TestTokens.leader("150100"));
        CALLERS.put("anonymous", null);
    }

    /** Expected status per endpoint and caller, in the order of {@link #CALLERS}. */
    private static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        //                                         req  oMil resp oCiv city prov oCty lead anon
        EXPECTED.put("file",                 new int[] {201, 201, 403, 403, 201, 201, 403, 403, 401});
        EXPECTED.put("read",                 new int[] {200, 403, 200, 403, 200, 200, 403, 200, 401});
        EXPECTED.put("register",             new int[] {403, 403, 403, 403, 200, 200, 403, 403, 401});
        EXPECTED.put("decline",              new int[] {403, 403, 403, 403, 200, 200, 403, 403, 401});
        EXPECTED.put("claim",                new int[] {403, 403, 200, 403, 403, 403, 403, 403, 401});
        EXPECTED.put("return",               new int[] {403, 403, 200, 403, 403, 403, 403, 403, 401});
        EXPECTED.put("reassign",             new int[] {403, 403, 403, 403, 200, 200, 403, 403, 401});
        EXPECTED.put("withdraw",             new int[] {200, 403, 403, 403, 403, 403, 403, 403, 401});
        EXPECTED.put("extension-request",    new int[] {403, 403, 200, 403, 403, 403, 403, 403, 401});
        EXPECTED.put("extension-approval",   new int[] {403, 403, 403, 403, 200, 200, 403, 403, 401});
        EXPECTED.put("extension-refusal",    new int[] {403, 403, 403, 403, 200, 200, 403, 403, 401});
        EXPECTED.put("amend-submitted",      new int[] {200, 403, 403, 403, 200, 200, 403, 403, 401});
        EXPECTED.put("amend-registered",     new int[] {403, 403, 403, 403, 200, 200, 403, 403, 401});
        // too late for everyone; those who may amend earlier hear why, the others that they may not
        EXPECTED.put("amend-claimed",        new int[] {409, 403, 403, 403, 409, 409, 403, 403, 401});
        EXPECTED.put("close",                new int[] {403, 403, 403, 403, 200, 200, 403, 403, 401});
        EXPECTED.put("reopen",               new int[] {403, 403, 403, 403, 200, 200, 403, 403, 401});
    }

    private static final KafkaTestClient KAFKA = new KafkaTestClient();

    static Stream<Arguments> matrix() {
        return AuthorizationMatrix.cases(CALLERS, EXPECTED);
    }

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @MethodSource("matrix")
    void eachCallerGetsWhatTheRulesSay(String endpoint, String caller, int expected) {
        String id = endpoint.equals("file") ? null : prepare(endpoint);
        Response response = call(endpoint, id, as(CALLERS.get(caller)), caller);
        assertThat(response.statusCode())
                .as("%s by %s: %s", endpoint, caller, response.asString())
                .isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    private static RequestSpecification as(String token) {
        return AuthorizationMatrix.as(token);
    }

    private static Response call(String endpoint, String id, RequestSpecification request, String caller) {
        LocalDate today = LocalDate.now(SHANGHAI);
        return switch (endpoint) {
            case "file" -> request.body(filing(caller)).post("/api/tasks");
            case "read" -> request.get("/api/tasks/" + id);
            case "register" -> request.body(registration(today.plusDays(30))).post("/api/tasks/" + id + "/registration");
            case "decline" -> request.body(Map.of("reason", "不属于职责范围")).post("/api/tasks/" + id + "/decline");
            case "claim" -> request.post("/api/tasks/" + id + "/claim");
            case "return" -> request.body(Map.of("reason", "不属于本单位职责")).post("/api/tasks/" + id + "/return");
            case "reassign" -> request.body(Map.of("responsibleUnit", "呼和浩特市民政局")).post("/api/tasks/" + id + "/reassignment");
            case "withdraw" -> request.body(Map.of("reason", "已自行解决")).post("/api/tasks/" + id + "/withdrawal");
            case "extension-request" -> request.body(Map.of("requestedDeadline", today.plusDays(90).toString(), "reason", "需要协调"))
                    .post("/api/tasks/" + id + "/extension-request");
            case "extension-approval" -> request.post("/api/tasks/" + id + "/extension-approval");
            case "extension-refusal" -> request.body(Map.of("reason", "理由不充分")).post("/api/tasks/" + id + "/extension-refusal");
            case "amend-submitted", "amend-registered", "amend-claimed" -> request.body(Map.of("content", "为驻军官兵及家属开通就医绿色通道",
                    "reason", "补充服务对象")).post("/api/tasks/" + id + "/amendment");
            case "close" -> request.body(Map.of("note", "验收合格")).post("/api/tasks/" + id + "/closing");
            case "reopen" -> request.body(Map.of("reason", "验收后发现遗漏")).post("/api/tasks/" + id + "/reopening");
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    /** A task in the state the endpoint acts on, made by the callers entitled to each step. */
    private static String prepare(String endpoint) {
        String id = as(CALLERS.get("requester")).body(filing("requester")).post("/api/tasks").then().statusCode(201)
                .extract().path("id");
        if (List.of("register", "decline", "amend-submitted").contains(endpoint)) {
            return id;
        }
        step(as(CALLERS.get("city office")).body(registration(LocalDate.now(SHANGHAI).plusDays(30)))
                .post("/api/tasks/" + id + "/registration"));
        if (List.of("read", "claim", "return", "withdraw", "amend-registered").contains(endpoint)) {
            return id;
        }
        if (endpoint.equals("reassign")) {
            step(as(CALLERS.get("responsible")).body(Map.of("reason", "不属于本单位职责")).post("/api/tasks/" + id + "/return"));
            return id;
        }
        step(as(CALLERS.get("responsible")).post("/api/tasks/" + id + "/claim"));
        if (endpoint.equals("extension-request") || endpoint.equals("amend-claimed")) {
            return id;
        }
        if (List.of("close", "reopen").contains(endpoint)) {
            acceptCompletion(id);
            return id;
        }
        step(as(CALLERS.get("responsible"))
                .body(Map.of("requestedDeadline", LocalDate.now(SHANGHAI).plusDays(90).toString(), "reason", "需要协调"))
                .post("/api/tasks/" + id + "/extension-request"));
        return id;
    }

    /** The progress service's acceptance, as registration learns it: an event on Kafka, then its table. */
    private static void acceptCompletion(String id) {
        KAFKA.publish(new EventEnvelope(UUID.randomUUID().toString(), EventTypes.COMPLETION_ACCEPTED, "/dual-list/progress", id,
                Instant.now(), 0, new CompletionAcceptedEvent(UUID.fromString(id), Instant.now(),
                new Actor("liu", ActorRole.UNIT, REQUESTER, UnitSide.MILITARY, "150100"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection connection = DualListTestStack.adminConnection();
                 PreparedStatement query = connection.prepareStatement(
                         "SELECT acceptances FROM registration.task_acceptance WHERE task_id = ?")) {
                query.setObject(1, UUID.fromString(id));
                try (ResultSet result = query.executeQuery()) {
                    return result.next() && result.getInt(1) > 0;
                }
            }
        });
    }

    private static void step(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    }

    private static Map<String, Object> filing(String caller) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "list", "SUPPORT_THE_MILITARY",
                "regionCode", REGION,
                "year", LocalDate.now(SHANGHAI).getYear(),
                "title", "军属就医绿色通道",
                "content", "为驻军官兵家属开通就医绿色通道",
                "category", "MEDICAL_CARE",
                "contactName", "刘干事",
                "contactPhone", "13800001111"));
        if (caller.contains("office")) {
            body.put("requesterUnit", REQUESTER);
        }
        return body;
    }

    private static Map<String, Object> registration(LocalDate deadline) {
        return Map.of("responsibleUnit", RESPONSIBLE, "coUnits", List.of(), "deadline", deadline.toString(),
                "qualityRequirement", "三个月内开通");
    }
}
