package org.duallist.supervision.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.config.Configurer;
import org.duallist.platform.axon.AxonModule;
import org.duallist.platform.messaging.KafkaEventPublisher;
import org.duallist.supervision.command.Supervision;
import org.duallist.supervision.command.SupervisionPolicy;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The supervision service's Axon set-up: the event-sourced Supervision, the configured rules its
 * handlers receive as a parameter, the publisher of its events and the count of its notices.
 */
@ApplicationScoped
public class SupervisionAxonModule implements AxonModule {

    private final KafkaEventPublisher publisher;
    private final SupervisionPolicy policy;
    private final NoticeMetrics noticeMetrics;

    SupervisionAxonModule(KafkaEventPublisher publisher, NoticeMetrics noticeMetrics,
                          @ConfigProperty(name = "dual-list.supervision.yellow-days", defaultValue = "7") int yellowDays,
                          @ConfigProperty(name = "dual-list.supervision.lag-margin", defaultValue = "20") int lagMargin,
                          @ConfigProperty(name = "dual-list.supervision.notice-after-days", defaultValue = "7") int noticeAfterDays,
                          @ConfigProperty(name = "dual-list.supervision.special-after-days", defaultValue = "14") int specialAfterDays,
                          @ConfigProperty(name = "dual-list.supervision.referral-after-days", defaultValue = "14") int referralAfterDays,
                          @ConfigProperty(name = "dual-list.supervision.reply-window-days", defaultValue = "5") int replyWindowDays) {
        this.publisher = publisher;
        this.noticeMetrics = noticeMetrics;
        this.policy = new SupervisionPolicy(yellowDays, lagMargin, noticeAfterDays, specialAfterDays, referralAfterDays,
                replyWindowDays);
    }

    public SupervisionPolicy policy() {
        return policy;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.registerComponent(SupervisionPolicy.class, c -> policy);
        configurer.configureAggregate(Supervision.class);
        publisher.register(configurer);
        noticeMetrics.register(configurer);
    }
}
