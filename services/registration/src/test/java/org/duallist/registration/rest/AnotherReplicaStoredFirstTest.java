package org.duallist.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.duallist.registration.rest.TaskResourceTest.file;
import static org.duallist.registration.rest.TaskResourceTest.office;
import static org.duallist.registration.rest.TaskResourceTest.registration;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.duallist.contracts.TaskClaimedEvent;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of registration may both load a task at the same version and both append the next
 * event; PostgreSQL's unique key on (aggregate, sequence) lets only the first through. The loser must
 * fail as Axon's concurrency conflict (the REST layer answers it 409, and the office's client retries),
 * not as an unexplained storage failure answered 500. Here the "other replica" is this test appending
 * at a sequence the service has already used.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "registration"))
class AnotherReplicaStoredFirstTest {

    @Inject
    EventStore eventStore;

    @Test
    void anAppendAtASequenceAlreadyStoredIsAConcurrencyConflictAndStoresNothing() {
        String task = file("营区周边道路修缮（并发）");
        assertThatThrownBy(() -> eventStore.publish(claimAt(task, 0)))
                .isInstanceOf(AggregateStreamCreationException.class);

        LocalDate deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(2);
        office().contentType(ContentType.JSON).body(registration(deadline))
                .when().post("/api/tasks/" + task + "/registration").then().statusCode(200);
        assertThatThrownBy(() -> eventStore.publish(claimAt(task, 1)))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining(task);

        assertThat(eventStore.readEvents(task).asStream().count()).as("only the service's own two events").isEqualTo(2);
        given().auth().oauth2(TestTokens.civilUnit("呼和浩特市人力资源和社会保障局", "150100"))
                .when().post("/api/tasks/" + task + "/claim").then().statusCode(200);
        assertThat(eventStore.readEvents(task).asStream().count()).isEqualTo(3);
    }

    private static GenericDomainEventMessage<TaskClaimedEvent> claimAt(String task, long sequence) {
        return new GenericDomainEventMessage<>("Task", task, sequence,
                new TaskClaimedEvent(UUID.fromString(task), Instant.now(), null));
    }
}
