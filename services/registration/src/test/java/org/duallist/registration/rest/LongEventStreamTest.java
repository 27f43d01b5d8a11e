package org.duallist.registration.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.duallist.contracts.TaskClaimedEvent;
import org.duallist.testing.DualListTestStack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The event store reads an aggregate in batches of a hundred and takes a short batch as the last
 * one, without a further query for an empty batch. A task with a hundred events or more must still
 * come back whole, in order: at the batch size exactly, at twice it and across a partial batch.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "registration"))
class LongEventStreamTest {

    @Inject
    EventStore eventStore;

    @ParameterizedTest
    @ValueSource(ints = {1, 99, 100, 101, 200, 250})
    void everyEventOfALongStreamIsReadBackInOrder(int events) {
        String aggregate = UUID.randomUUID().toString();
        List<DomainEventMessage<?>> stored = new ArrayList<>();
        for (int sequence = 0; sequence < events; sequence++) {
            stored.add(new GenericDomainEventMessage<>("Task", aggregate, sequence,
                    new TaskClaimedEvent(UUID.fromString(aggregate), Instant.now(), null)));
        }
        eventStore.publish(stored);

        List<Long> read = eventStore.readEvents(aggregate).asStream().map(DomainEventMessage::getSequenceNumber).toList();

        assertThat(read).hasSize(events);
        for (int sequence = 0; sequence < events; sequence++) {
            assertThat(read.get(sequence)).isEqualTo(sequence);
        }
    }
}
