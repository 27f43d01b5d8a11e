package org.duallist.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * The progress of the service's projections per topic it consumes, as its consumers see it after
 * each poll: records behind on their partitions, seconds since they last had applied them all, events
 * applied, partitions assigned. A replica runs several consumers, each reading some partitions of
 * every topic; the meters add up their shares. Replicas report their own partitions: sum or max them
 * by topic.
 */
@ApplicationScoped
public class ConsumerMetrics {

    private final MeterRegistry registry;
    private final Map<String, TopicProgress> topics = new ConcurrentHashMap<>();

    ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The meters one consumer of the group writes, for the topics it reads; each consumer thread keeps its own. */
    public MemberProgress member(String group, Collection<String> topicNames) {
        Map<String, Share> shares = new HashMap<>();
        for (String topic : topicNames) {
            TopicProgress progress = topics.computeIfAbsent(group + ' ' + topic, key -> new TopicProgress(registry, group, topic));
            shares.put(topic, progress.newShare());
        }
        return new MemberProgress(Map.copyOf(shares));
    }

    public KafkaClientMetricsBinding bind(Consumer<?, ?> consumer, String group) {
        return KafkaClientMetricsBinding.of(consumer, group, registry);
    }

    /** One consumer's part of the meters. Written by its consumer thread only; read by scrapes. */
    public static final class MemberProgress {
        private final Map<String, Share> shares;

        private MemberProgress(Map<String, Share> shares) {
            this.shares = shares;
        }

        /** After a poll: its records are pending until applied; what lies beyond them on the partitions remains. */
        public void polled(Consumer<?, ?> consumer, ConsumerRecords<?, ?> records) {
            Map<String, Long> beyond = new HashMap<>();
            Map<String, Integer> assigned = new HashMap<>();
            for (TopicPartition partition : consumer.assignment()) {
                OptionalLong lag = consumer.currentLag(partition);
                beyond.merge(partition.topic(), lag.orElse(0), Long::sum);
                assigned.merge(partition.topic(), 1, Integer::sum);
            }
            shares.forEach((topic, share) -> {
                int pending = 0;
                for (ConsumerRecord<?, ?> ignored : records.records(topic)) {
                    pending++;
                }
                share.assigned = assigned.getOrDefault(topic, 0);
                share.remaining = beyond.getOrDefault(topic, 0L);
                share.pending = pending;
                share.topic.changed();
            });
        }

        /** After these records, of the last poll, were applied and their offsets committed. */
        public void applied(List<? extends ConsumerRecord<?, ?>> records) {
            Map<String, Integer> perTopic = new HashMap<>();
            records.forEach(record -> perTopic.merge(record.topic(), 1, Integer::sum));
            shares.forEach((topic, share) -> {
                int count = perTopic.getOrDefault(topic, 0);
                share.topic.applied.increment(count);
                share.pending = Math.max(0, share.pending - count);
                share.topic.changed();
            });
        }

        /** After a committed poll that passed over these records, each ahead of its task's earlier event. */
        public void aheadOfPredecessor(List<? extends ConsumerRecord<?, ?>> records) {
            for (ConsumerRecord<?, ?> record : records) {
                Share share = shares.get(record.topic());
                if (share != null) {
                    share.topic.aheadOfPredecessor.increment();
                }
            }
        }

        /** The consumer is gone (a failure, a stop): its partitions will be someone else's or its successor's. */
        public void unassigned() {
            shares.values().forEach(share -> share.assigned = 0);
        }
    }

    private static final class Share {
        private final TopicProgress topic;
        private volatile long pending;
        private volatile long remaining;
        private volatile int assigned;

        private Share(TopicProgress topic) {
            this.topic = topic;
        }
    }

    private static final class TopicProgress {
        private final Counter applied;
        private final Counter aheadOfPredecessor;
        private final List<Share> shares = new CopyOnWriteArrayList<>();
        private volatile long caughtUpAtMillis = System.currentTimeMillis();

        TopicProgress(MeterRegistry registry, String group, String topic) {
            Tags tags = Tags.of("group", group, "topic", topic);
            Gauge.builder(MetricNames.PROJECTION_RECORDS_BEHIND, this, TopicProgress::behind)
                    .description("Records on the assigned partitions not yet applied by the projections")
                    .tags(tags).register(registry);
            Gauge.builder(MetricNames.PROJECTION_LAG, this, TopicProgress::lagSeconds)
                    .description("Seconds since the projections last had every record of their partitions applied (0 while caught up)")
                    .tags(tags).register(registry);
            Gauge.builder(MetricNames.CONSUMER_ASSIGNED_PARTITIONS, this, TopicProgress::assigned)
                    .description("Partitions of the topic assigned to this replica's consumers")
                    .tags(tags).register(registry);
            applied = Counter.builder(MetricNames.PROJECTION_EVENTS_APPLIED)
                    .description("Records applied by the projections (a poll's records once committed)")
                    .tags(tags).register(registry);
            aheadOfPredecessor = Counter.builder(MetricNames.PROJECTION_EVENTS_AHEAD_OF_PREDECESSOR)
                    .description("Records passed over because they reached Kafka ahead of their task's earlier event; "
                            + "each applies when its publisher sends both again")
                    .tags(tags).register(registry);
        }

        Share newShare() {
            Share share = new Share(this);
            shares.add(share);
            return share;
        }

        void changed() {
            if (behind() == 0) {
                caughtUpAtMillis = System.currentTimeMillis();
            }
        }

        private double behind() {
            long behind = 0;
            for (Share share : shares) {
                behind += share.pending + share.remaining;
            }
            return behind;
        }

        private double assigned() {
            int assigned = 0;
            for (Share share : shares) {
                assigned += share.assigned;
            }
            return assigned;
        }

        private double lagSeconds() {
            return behind() == 0 ? 0 : Math.max(0, System.currentTimeMillis() - caughtUpAtMillis) / 1000.0;
        }
    }
}
