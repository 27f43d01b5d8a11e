package org.duallist.registration.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.config.Configurer;
import org.duallist.platform.axon.AxonModule;
import org.duallist.platform.messaging.KafkaEventPublisher;
import org.duallist.registration.command.Task;

/** The registration service's Axon set-up: the event-sourced Task and the publisher of its events. */
@ApplicationScoped
public class RegistrationAxonModule implements AxonModule {

    private final KafkaEventPublisher publisher;

    RegistrationAxonModule(KafkaEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(Task.class);
        publisher.register(configurer);
    }
}
