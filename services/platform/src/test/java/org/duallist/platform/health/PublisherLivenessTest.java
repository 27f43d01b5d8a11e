package org.duallist.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real tracking processor, as the publisher is one, whose handler fails with an {@link Error} on the
 * second event: Axon retries exceptions but stops the processor for good on an error, which is what the
 * check must report. (The event store here is Axon's in-memory one: what is under test is the
 * processor's state, not storage.)
 */
class PublisherLivenessTest {

    private TrackingEventProcessor processor;

    @AfterEach
    void shutDown() {
        if (processor != null) {
            processor.shutDown();
        }
    }

    @Test
    void isUpWhileThePublisherRunsAndDownOnceAnErrorHasStoppedIt() throws Exception {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        processor = TrackingEventProcessor.builder()
                .name("kafka-publisher")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers((org.axonframework.eventhandling.EventMessageHandler) this::handle)
                        .build())
                .messageSource(store)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing())
                .build();
        PublisherLiveness check = new PublisherLiveness(() -> Optional.of(processor));
        processor.start();
        store.publish(GenericEventMessage.asEventMessage("stored and published"));

        assertThat(check.call().getStatus()).isEqualTo(Status.UP);
        assertThat(check.call().getName()).isEqualTo(PublisherLiveness.NAME);

        store.publish(GenericEventMessage.asEventMessage("out of memory"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!processor.isError() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(processor.isError()).as("the processor stopped in error").isTrue();
        assertThat(check.call().getStatus()).isEqualTo(Status.DOWN);
        assertThat(check.call().getData()).hasValueSatisfying(data -> assertThat(data).containsKey("reason"));
    }

    @Test
    void isUpInAServiceThatPublishesNothing() {
        assertThat(new PublisherLiveness(Optional::empty).call().getStatus()).isEqualTo(Status.UP);
    }

    private Object handle(EventMessage<?> event) {
        if ("out of memory".equals(event.getPayload())) {
            throw new OutOfMemoryError("simulated");
        }
        return null;
    }
}
