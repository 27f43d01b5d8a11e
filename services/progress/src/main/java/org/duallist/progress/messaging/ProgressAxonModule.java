package org.duallist.progress.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.config.Configurer;
import org.duallist.platform.axon.AxonModule;
import org.duallist.platform.messaging.KafkaEventPublisher;
import org.duallist.progress.command.TaskWork;

/** The progress service's Axon set-up: the event-sourced TaskWork and the publisher of its events. */
@ApplicationScoped
public class ProgressAxonModule implements AxonModule {

    private final KafkaEventPublisher publisher;

    ProgressAxonModule(KafkaEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(TaskWork.class);
        publisher.register(configurer);
    }
}
