package org.duallist.query.rest;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.duallist.platform.health.PublisherLiveness;
import org.duallist.testing.DualListTestStack;
import org.junit.jupiter.api.Test;

/** The query service stores no events of its own: its liveness has a publisher check that says so, and is up. */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class LivenessTest {

    @Test
    void theServiceWithoutAPublisherIsAlive() {
        given().when().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == '" + PublisherLiveness.NAME + "' }.status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.find { it.name == '" + PublisherLiveness.NAME + "' }.data.publisher", org.hamcrest.Matchers.equalTo("none"));
    }
}
