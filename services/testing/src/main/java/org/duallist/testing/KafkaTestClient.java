package org.duallist.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.duallist.contracts.CloudEventsKafkaBinding;
import org.duallist.contracts.EventEnvelope;

/** Reads and writes CloudEvents records on the test broker, through the contracts' binding. */
public final class KafkaTestClient {

    /** One record as it was read, with its decoded envelope. */
    public record ReadEvent(String topic, int partition, long offset, String key, Map<String, String> headers,
                            EventEnvelope envelope) {
    }

    private final CloudEventsKafkaBinding binding = new CloudEventsKafkaBinding();

    /** Publishes many events through one producer, in order, and waits until the broker has them all. */
    public void publishAll(java.util.List<EventEnvelope> envelopes) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DualListTestStack.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            java.util.List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (EventEnvelope envelope : envelopes) {
                RecordHeaders headers = new RecordHeaders();
                binding.headers(envelope).forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
                sent.add(producer.send(new ProducerRecord<>(envelope.type().topic(), null, binding.key(envelope),
                        binding.value(envelope), headers)));
            }
            for (java.util.concurrent.Future<?> future : sent) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publish failed", e.getCause());
        }
    }

    public void publish(EventEnvelope envelope) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DualListTestStack.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            RecordHeaders headers = new RecordHeaders();
            binding.headers(envelope).forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(envelope.type().topic(), null, binding.key(envelope),
                    binding.value(envelope), headers)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publish failed", e.getCause());
        }
    }

    /** Sends one record exactly as given, bypassing the binding (e.g. as an earlier build sent it). */
    public void publishRecord(String topic, String key, Map<String, String> headers, byte[] value) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DualListTestStack.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            RecordHeaders recordHeaders = new RecordHeaders();
            headers.forEach((k, v) -> recordHeaders.add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(topic, null, key, value, recordHeaders)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publish failed", e.getCause());
        }
    }

    /** Everything on the topic from the beginning, read for at most {@code patience}. */
    public List<ReadEvent> readAll(String topic, Duration patience) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DualListTestStack.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ReadEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long until = System.nanoTime() + patience.toNanos();
            int emptyPolls = 0;
            while (System.nanoTime() < until && emptyPolls < 3) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty() && !events.isEmpty()) {
                    emptyPolls++;
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                    }
                    events.add(new ReadEvent(record.topic(), record.partition(), record.offset(), record.key(), headers,
                            binding.decode(headers, record.value()).orElse(null)));
                }
            }
        }
        return events;
    }
}
