package org.duallist.supervision.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.duallist.testing.DualListTestStack;
import org.junit.jupiter.api.Test;

/**
 * The business clock (adjustable in tests and the local stack) takes no instant it cannot run on
 * from: moved to {@code Instant.MAX}, the next reading of "now" would overflow in every request
 * and every event stamped.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "supervision"))
class HostileInputTest {

    @Test
    void theClockIsNotMovedPastTheYear9999() {
        long offset = given().get("/admin/clock").then().statusCode(200).extract().jsonPath().getLong("offsetSeconds");
        given().contentType(ContentType.JSON).body("{\"now\":\"+1000000000-12-31T23:59:59.999999999Z\"}")
                .put("/admin/clock").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("now"))
                .body("errors[0].message", equalTo("must be a timestamp from year 0001 to 9999 (ISO-8601)"));
        assertThat(given().get("/admin/clock").then().statusCode(200).extract().jsonPath().getLong("offsetSeconds"))
                .isEqualTo(offset);
    }
}
