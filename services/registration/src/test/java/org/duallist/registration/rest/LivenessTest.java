package org.duallist.registration.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.duallist.platform.health.PublisherLiveness;
import org.duallist.testing.DualListTestStack;
import org.junit.jupiter.api.Test;

/**
 * The liveness probe includes the event publisher's check, found through the service's own Axon
 * configuration (the check's states themselves: {@code PublisherLivenessTest} in the platform).
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "registration"))
class LivenessTest {

    @Test
    void theRunningPublisherIsReportedAlive() {
        given().when().get("/q/health/live").then().statusCode(200)
                .body("checks.name", hasItem(PublisherLiveness.NAME))
                .body("checks.find { it.name == '" + PublisherLiveness.NAME + "' }.status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.find { it.name == '" + PublisherLiveness.NAME + "' }.data.running", org.hamcrest.Matchers.equalTo(true));
    }
}
