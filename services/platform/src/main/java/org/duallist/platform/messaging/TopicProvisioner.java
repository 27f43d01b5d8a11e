package org.duallist.platform.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.duallist.contracts.Topics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the suite's topics when they are missing: the configured partition count, and no
 * retention limit, so that a new consumer (or a rebuilt read model) can replay every event.
 * Called before the first publish and before consuming, never blocking start-up, so that a
 * service starts while the broker is down and catches up when it returns.
 */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private final KafkaClients clients;
    private final int partitions;
    private final short replicationFactor;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean provisioned;

    TopicProvisioner(KafkaClients clients,
                     @ConfigProperty(name = "dual-list.kafka.partitions", defaultValue = "6") int partitions,
                     @ConfigProperty(name = "dual-list.kafka.replication-factor", defaultValue = "1") short replicationFactor) {
        this.clients = clients;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    /** Creates the topics at start-up, in the background, retrying until the broker answers. */
    void onStart(@Observes StartupEvent event) {
        Thread provisioning = new Thread(() -> {
            Duration backoff = Duration.ofSeconds(1);
            while (!provisioned) {
                try {
                    ensureTopics();
                } catch (RuntimeException e) {
                    LOG.warnf("Topics not created yet (%s); retrying in %s", e.getMessage(), backoff);
                    try {
                        if (stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                            return;
                        }
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
                }
            }
        }, "dual-list-topic-provisioning");
        provisioning.setDaemon(true);
        provisioning.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped.countDown();
    }

    public void ensureTopics() {
        if (provisioned) {
            return;
        }
        synchronized (this) {
            if (provisioned) {
                return;
            }
            try (Admin admin = Admin.create(clients.admin())) {
                Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
                List<NewTopic> missing = Topics.ALL.stream()
                        .filter(topic -> !existing.contains(topic))
                        .map(topic -> new NewTopic(topic, partitions, replicationFactor).configs(Map.of(
                                TopicConfig.RETENTION_MS_CONFIG, "-1",
                                TopicConfig.RETENTION_BYTES_CONFIG, "-1")))
                        .toList();
                for (var result : admin.createTopics(missing).values().entrySet()) {
                    try {
                        result.getValue().get(30, TimeUnit.SECONDS);
                        LOG.infof("Created topic %s with %d partitions", result.getKey(), partitions);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                provisioned = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topics", e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot create the topics " + Topics.ALL + ": " + e.getMessage(), e);
            }
        }
    }
}
