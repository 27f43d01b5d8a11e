package org.duallist.progress.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.UnitSide;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * A caller over its rate gets 429 problem+json with Retry-After, and gets through again after
 * waiting that long; other callers and the health endpoints are not held back by it. The rate is
 * set low here (3 at once, 1 a second) so that a handful of requests shows it.
 */
@QuarkusTest
@TestProfile(RateLimitTest.LowRate.class)
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "progress"))
class RateLimitTest {

    private static final int BURST = 3;

    public static class LowRate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "dual-list.limits.rate.requests-per-second", "1",
                    "dual-list.limits.rate.burst", Integer.toString(BURST));
        }
    }

    @Test
    void aCallerOverItsRateWaitsAsToldWhileOthersGoOn() throws Exception {
        String hasty = TestTokens.mint(unit("hasty"));
        // at least the burst gets through; on a busy machine the bucket may refill a token meanwhile
        int answered = 0;
        Response refused = accept(hasty);
        while (refused.statusCode() != 429 && answered < BURST + 10) {
            refused.then().statusCode(404);
            answered++;
            refused = accept(hasty);
        }
        assertThat(answered).as("requests answered before the first 429").isGreaterThanOrEqualTo(BURST);
        refused.then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("detail", startsWith("more than 1 requests per second (3 at once) from this caller"));
        long retryAfter = Long.parseLong(refused.getHeader("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 2L);

        // another user is a bucket of its own, and health checks are never limited
        accept(TestTokens.mint(unit("patient"))).then().statusCode(404);
        for (int i = 0; i < 2 * BURST; i++) {
            given().when().get("/q/health/live").then().statusCode(200);
        }

        Thread.sleep(retryAfter * 1000);
        accept(hasty).then().statusCode(404);
    }

    @Test
    void callersWithoutATokenAreCountedByAddress() {
        // the business clock needs no token; every request from here shares this address's bucket
        int answered = 0;
        Response last = null;
        for (int i = 0; i <= BURST + 10; i++) {
            last = given().when().get("/admin/clock");
            if (last.statusCode() == 429) {
                break;
            }
            last.then().statusCode(200);
            answered++;
        }
        assertThat(last.statusCode()).isEqualTo(429);
        // the burst at least (the bucket may refill meanwhile on a busy machine), then refused
        assertThat(answered).isBetween(BURST, BURST + 10);
        assertThat(last.getHeader("Retry-After")).isNotBlank();
    }

    private static Response accept(String token) {
        return given().auth().oauth2(token).when().post("/api/tasks/" + UUID.randomUUID() + "/acceptance");
    }

    private static Actor unit(String user) {
        return new Actor(user, ActorRole.UNIT, "呼和浩特市民政局", UnitSide.CIVIL, "150100");
    }
}
