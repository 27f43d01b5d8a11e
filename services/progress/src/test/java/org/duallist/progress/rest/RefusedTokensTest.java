package org.duallist.progress.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.UnitSide;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.RefusedTokens;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every spoiled token is refused with 401 problem+json on a command with a body and on one
 * without (the progress service serves no reads), while the same caller's good token gets through
 * authentication to the task lookup.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "progress"))
class RefusedTokensTest {

    private static final Actor RESPONSIBLE = new Actor("zhao", ActorRole.UNIT, "呼和浩特市人力资源和社会保障局",
            UnitSide.CIVIL, "150100");

    static Stream<Arguments> refusedTokenAndCall() {
        return RefusedTokens.of(RESPONSIBLE).stream()
                .flatMap(token -> Stream.of(Arguments.of(token, "progress report"), Arguments.of(token, "acceptance")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusedTokenAndCall")
    void aSpoiledTokenIsRefused(RefusedTokens.Case token, String call) {
        send(call, token.token()).then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void theSameCallersGoodTokenGetsThrough() {
        String good = TestTokens.mint(RESPONSIBLE);
        send("progress report", good).then().statusCode(404);
        send("acceptance", good).then().statusCode(404);
    }

    private static Response send(String call, String token) {
        String task = "/api/tasks/" + UUID.randomUUID();
        if (call.equals("acceptance")) {
            return given().auth().oauth2(token).when().post(task + "/acceptance");
        }
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("percent", 10, "narrative", "开始办理"))
                .when().post(task + "/progress");
    }
}
