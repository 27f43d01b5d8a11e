package org.duallist.registration.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
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
 * Every spoiled token is refused with 401 problem+json on a read and on a command, while the same
 * caller's good token gets through both.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "registration"))
class RefusedTokensTest {

    private static final String UNIT = "呼和浩特警备区政治工作处";
    private static final Actor REQUESTER = new Actor("user-" + UNIT, ActorRole.UNIT, UNIT, UnitSide.MILITARY, "150100");

    static Stream<Arguments> refusedTokenAndCall() {
        return RefusedTokens.of(REQUESTER).stream()
                .flatMap(token -> Stream.of(Arguments.of(token, "read"), Arguments.of(token, "command")));
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
        String good = TestTokens.mint(REQUESTER);
        send("command", good).then().statusCode(201);
        send("read", good).then().statusCode(404);
    }

    private static Response send(String call, String token) {
        if (call.equals("read")) {
            return given().auth().oauth2(token).when().get("/api/tasks/" + UUID.randomUUID());
        }
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(TaskResourceTest.filing("令牌核验"))
                .when().post("/api/tasks");
    }
}
