package org.duallist.query.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
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
 * Every spoiled token is refused with 401 problem+json on a read (the ledger) and on the query
 * service's one command (registering a webhook), while the same caller's good token reads the ledger
 * and gets past authentication to the check of the webhook's URL.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
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
        send("read", good).then().statusCode(200);
        send("command", good).then().statusCode(400).body("errors[0].field", equalTo("url"));
    }

    private static Response send(String call, String token) {
        if (call.equals("read")) {
            return given().auth().oauth2(token).when().get("/api/tasks?region=150100");
        }
        // a URL no check lets through, so that nothing is registered and nothing is ever posted
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("unit", "令牌核验单位", "url", "ftp://receiver.invalid/hook"))
                .when().post("/api/webhooks");
    }
}
