package org.duallist.platform.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    void isUpWhileThePublisherRunsAndDownOnceAnErrorHasStoppedIt() {
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

        store.publish(GenericEventMessage.asEventMessage("fatal"));
        // the error ends the processor's own thread: it is the state under test, not a failure of this test
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(processor::isError);
        assertThat(check.call().getStatus()).isEqualTo(Status.DOWN);
        assertThat(check.call().getData()).hasValueSatisfying(data -> assertThat(data).containsKey("reason"));
    }

    @Test
    void isUpInAServiceThatPublishesNothing() {
        assertThat(new PublisherLiveness(Optional::empty).call().getStatus()).isEqualTo(Status.UP);
    }

    private Object handle(EventMessage<?> event) {
        if ("fatal".equals(event.getPayload())) {
            // a plain Error, as an OutOfMemoryError or a linkage error would be, without their side effects
            throw new Error("simulated fatal error");
        }
        return null;
    }
}
