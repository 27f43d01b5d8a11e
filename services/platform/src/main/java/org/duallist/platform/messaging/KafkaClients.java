package org.duallist.platform.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Client settings for the service's producers, consumers and admin client, on top of the
 * {@code kafka.*} configuration that quarkus-kafka-client collects (KAFKA_BOOTSTRAP_SERVERS …).
 */
@ApplicationScoped
public class KafkaClients {

    private final Map<String, Object> base;
    private final String groupId;

    KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> base,
                 @ConfigProperty(name = "dual-list.consumer.group-id") String groupId) {
        this.base = Map.copyOf(base);
        this.groupId = groupId;
    }

    public String groupId() {
        return groupId;
    }

    public Map<String, Object> admin() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", base.get("bootstrap.servers"));
        config.put("request.timeout.ms", 10_000);
        config.put("default.api.timeout.ms", 15_000);
        return config;
    }

    /**
     * At least once and in order per task: the idempotent producer with acks from every replica
     * keeps retries from reordering or doubling a partition's records. The timeouts are short so
     * that a broker outage surfaces as a failed batch that the publishing processor retries.
     */
    public Map<String, Object> producer() {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // One request at a time: the idempotent producer's ordering holds only while the broker keeps its
        // producer state. A broker killed with a task's earlier record unwritten came back without that state
        // and appended the next request already in flight, the task's later event ahead of its earlier one
        // (crash test: completion at offset 189, the progress report before it at 190). The consumers wait for the
        // publisher's re-send of such a later event (AppliedEventLedger); one request in flight makes it rarer.
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    /**
     * A member of the service's consumer group, so that replicas share the partitions; offsets are
     * committed by hand, only after the projection's transaction has committed.
     */
    public Map<String, Object> consumer() {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A poll is applied in one transaction: after a backlog (a restart, a rebuild) longer polls mean
        // fewer commits and longer JDBC batches; a poll without a backlog returns what there is at once.
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        // The range assignor gives a member the same partition numbers of every topic it reads: with the
        // topics keyed by task and partitioned alike, a task's events of every topic reach one consumer.
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
        // A replica that dies leaves its partitions idle until its session times out: 10 s, not the default 45 s.
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }
}
