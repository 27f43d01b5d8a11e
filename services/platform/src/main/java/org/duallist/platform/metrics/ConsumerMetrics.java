package org.duallist.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The progress of the service's projections per topic it consumes, as its consumer sees it after
 * each poll: records behind on its partitions, seconds since it last had applied them all, events
 * applied, partitions assigned. Replicas report their own partitions: sum or max them by topic.
 */
@ApplicationScoped
public class ConsumerMetrics {

    private final MeterRegistry registry;
    private final Map<String, TopicProgress> topics = new ConcurrentHashMap<>();

    ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The meters of one topic's consumption by a consumer group, registered on first use. */
    public TopicProgress topic(String group, String topic) {
        return topics.computeIfAbsent(group + ' ' + topic, key -> new TopicProgress(registry, group, topic));
    }

    public KafkaClientMetricsBinding bind(Consumer<?, ?> consumer, String group) {
        return KafkaClientMetricsBinding.of(consumer, group, registry);
    }

    /** Written by the topic's consumer thread only; read by scrapes. */
    public static final class TopicProgress {
        private final Counter applied;
        private volatile long pending;
        private volatile long remaining;
        private volatile int assigned;
        private volatile long caughtUpAtMillis = System.currentTimeMillis();

        TopicProgress(MeterRegistry registry, String group, String topic) {
            Tags tags = Tags.of("group", group, "topic", topic);
            Gauge.builder(MetricNames.PROJECTION_RECORDS_BEHIND, this, TopicProgress::behind)
                    .description("Records on the assigned partitions not yet applied by the projections")
                    .tags(tags).register(registry);
            Gauge.builder(MetricNames.PROJECTION_LAG, this, TopicProgress::lagSeconds)
                    .description("Seconds since the projections last had every record of their partitions applied (0 while caught up)")
                    .tags(tags).register(registry);
            Gauge.builder(MetricNames.CONSUMER_ASSIGNED_PARTITIONS, this, progress -> progress.assigned)
                    .description("Partitions of the topic assigned to this member of the consumer group")
                    .tags(tags).register(registry);
            applied = Counter.builder(MetricNames.PROJECTION_EVENTS_APPLIED)
                    .description("Records applied by the projections (a poll's records once committed)")
                    .tags(tags).register(registry);
        }

        /** After a poll: its records are pending until applied; what lies beyond them on the partitions remains. */
        public void polled(Consumer<?, ?> consumer, int records) {
            long beyond = 0;
            for (TopicPartition partition : consumer.assignment()) {
                OptionalLong lag = consumer.currentLag(partition);
                beyond += lag.orElse(0);
            }
            assigned = consumer.assignment().size();
            remaining = beyond;
            pending = records;
            caughtUpIfNothingBehind();
        }

        /** After the poll's records were applied and their offsets committed. */
        public void applied(int records) {
            applied.increment(records);
            pending = 0;
            caughtUpIfNothingBehind();
        }

        /** The consumer is gone (a failure, a stop): its partitions will be someone else's or its successor's. */
        public void unassigned() {
            assigned = 0;
        }

        private void caughtUpIfNothingBehind() {
            if (behind() == 0) {
                caughtUpAtMillis = System.currentTimeMillis();
            }
        }

        private double behind() {
            return pending + remaining;
        }

        private double lagSeconds() {
            return behind() == 0 ? 0 : Math.max(0, System.currentTimeMillis() - caughtUpAtMillis) / 1000.0;
        }
    }
}
