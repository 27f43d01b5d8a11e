package org.duallist.supervision.rest;

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
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.RefusedTokens;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every spoiled token is refused with 401 problem+json on a read and on a command, while the same
 * caller's good token gets through authentication to the task lookup.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "supervision"))
class RefusedTokensTest {

    private static final Actor OFFICE = new Actor("office-150100", ActorRole.OFFICE, null, null, "150100");

    static Stream<Arguments> refusedTokenAndCall() {
        return RefusedTokens.of(OFFICE).stream()
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
        String good = TestTokens.mint(OFFICE);
        send("read", good).then().statusCode(404);
        send("command", good).then().statusCode(404);
    }

    private static Response send(String call, String token) {
        String task = "/api/tasks/" + UUID.randomUUID();
        if (call.equals("read")) {
            return given().auth().oauth2(token).when().get(task + "/supervision");
        }
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("grade", "REMINDER", "reason", "逾期未办结"))
                .when().post(task + "/notices");
    }
}
