package org.duallist.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.duallist.platform.axon.AxonModule;
import org.duallist.platform.axon.AxonRuntime;
import org.duallist.platform.messaging.KafkaEventPublisher;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Reports the service dead when the processor that publishes its stored events to Kafka has stopped
 * for good. Axon retries what fails while Kafka or the database are away; it stops only after an
 * error it cannot retry (an {@link Error} out of the processing loop, say memory running out), and
 * then commands would go on being answered and stored while no other service ever hears of them.
 * Restarting the service resumes publishing from the processor's token, so a supervisor (Kubernetes'
 * liveness probe, the local stack) should restart it.
 */
@Liveness
@ApplicationScoped
public class PublisherLiveness implements HealthCheck {

    /** The health check's name. */
    public static final String NAME = "event-publisher";

    private final Supplier<Optional<TrackingEventProcessor>> publisher;

    @Inject
    PublisherLiveness(Instance<AxonModule> modules, Instance<AxonRuntime> runtime) {
        this(() -> modules.isUnsatisfied() ? Optional.empty()
                : runtime.get().configuration().eventProcessingConfiguration()
                        .eventProcessor(KafkaEventPublisher.PROCESSOR, TrackingEventProcessor.class));
    }

    PublisherLiveness(Supplier<Optional<TrackingEventProcessor>> publisher) {
        this.publisher = publisher;
    }

    @Override
    public HealthCheckResponse call() {
        Optional<TrackingEventProcessor> processor = publisher.get();
        if (processor.isEmpty()) {
            // the query service stores no events of its own
            return HealthCheckResponse.named(NAME).up().withData("publisher", "none").build();
        }
        if (processor.get().isError()) {
            return HealthCheckResponse.named(NAME).down()
                    .withData("reason", "publishing stored events to Kafka stopped after an error that is not retried"
                            + " (see the log); a restart resumes where it stopped")
                    .build();
        }
        return HealthCheckResponse.named(NAME).up().withData("running", processor.get().isRunning()).build();
    }
}
