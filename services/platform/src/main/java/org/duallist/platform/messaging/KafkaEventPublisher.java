package org.duallist.platform.messaging;

import jakarta.annotation.PreDestroy;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.config.Configurer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.duallist.contracts.CloudEventsKafkaBinding;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventType;
import org.duallist.contracts.EventTypes;
import org.duallist.platform.metrics.KafkaClientMetricsBinding;
import org.duallist.platform.tracing.EventSpans;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes every stored event to Kafka, at least once and in order per task. A tracking event
 * processor reads the event store and keeps its position (token) in the same database, in the
 * same transaction as nothing else but that position: a batch's token advances only after Kafka
 * acknowledged every record of the batch. An event stored while Kafka is down is therefore
 * published when Kafka is back, and a crash between the send and the token update re-sends,
 * which consumers absorb by the event's sequence number.
 */
@ApplicationScoped
public class KafkaEventPublisher {

    public static final String PROCESSOR = "kafka-publisher";
    private static final Logger LOG = Logger.getLogger(KafkaEventPublisher.class);
    private static final String PENDING_SENDS = KafkaEventPublisher.class.getName() + ".pending";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(45);

    private final KafkaClients clients;
    private final TopicProvisioner topics;
    private final String source;
    private final int batchSize;
    private final CloudEventsKafkaBinding binding = new CloudEventsKafkaBinding();
    private final EventSpans spans;
    private volatile Producer<String, byte[]> producer;
    private KafkaClientMetricsBinding producerMetrics;
    @Inject
    MeterRegistry registry;

    KafkaEventPublisher(KafkaClients clients, TopicProvisioner topics, EventSpans spans,
                        @ConfigProperty(name = "dual-list.events.source") String source,
                        @ConfigProperty(name = "dual-list.publisher.batch-size", defaultValue = "100") int batchSize) {
        this.clients = clients;
        this.topics = topics;
        this.spans = spans;
        this.source = source;
        this.batchSize = batchSize;
    }

    /** Adds the publishing processor to a service's Axon configuration. */
    public void register(Configurer configurer) {
        EventProcessingConfigurer processing = configurer.eventProcessing();
        // One segment: a single thread reads the store in global order, which keeps each task's order.
        processing.registerTrackingEventProcessor(PROCESSOR, c -> c.eventStore(),
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(batchSize)
                        .andInitialSegmentsCount(1));
        processing.registerEventHandler(c -> new PublishingHandler(this));
        // A failed send must stop the processor and retry the batch, never skip the event.
        processing.registerListenerInvocationErrorHandler(PROCESSOR, c -> PropagatingErrorHandler.instance());
        processing.registerErrorHandler(PROCESSOR, c -> PropagatingErrorHandler.instance());
    }

    void publish(Object payload, String subject, long sequence, String eventId, Instant time, MetaData metaData) {
        EventType type = EventTypes.byPayloadType(payload.getClass()).orElse(null);
        if (type == null) {
            return;
        }
        EventEnvelope envelope = new EventEnvelope(eventId, type, source, subject, time, sequence, payload);
        RecordHeaders headers = new RecordHeaders();
        binding.headers(envelope).forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        // The span continues the trace of the command that stored the event, and goes on in ce_traceparent.
        // It covers the send, not Kafka's acknowledgement, which the batch awaits as a whole before committing.
        try (EventSpans.EventSpan span = spans.publishing(type, subject, eventId, metaData, headers)) {
            // The record's own timestamp is the time of sending, not the event's: business time may be moved
            // ahead (local stack, tests), and the broker refuses records more than an hour in its future
            // (message.timestamp.after.max.ms), which would halt publishing for good. ce_time keeps the event's time.
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), null, null,
                    binding.key(envelope), binding.value(envelope), headers);
            try {
                LOG.debugf("Publishing %s", type.name());
                pendingSends().add(producer().send(record));
            } catch (RuntimeException e) {
                discardProducer();
                throw span.failed(e);
            }
        }
    }

    private List<Future<RecordMetadata>> pendingSends() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.root().getOrComputeResource(PENDING_SENDS, key -> {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            unitOfWork.root().onPrepareCommit(u -> awaitAcks(sends));
            return sends;
        });
    }

    private void awaitAcks(List<Future<RecordMetadata>> sends) {
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        try {
            for (Future<RecordMetadata> ack : sends) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            discardProducer();
            throw new IllegalStateException("Kafka did not acknowledge " + sends.size() + " events; the batch will be retried", e);
        }
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                current = producer;
                if (current == null) {
                    topics.ensureTopics();
                    current = new KafkaProducer<>(clients.producer());
                    producerMetrics = KafkaClientMetricsBinding.of(current, registry);
                    producer = current;
                }
            }
        }
        return current;
    }

    /** After a failure the producer may hold a broken connection or sequence state: start afresh. */
    private synchronized void discardProducer() {
        if (producer != null) {
            LOG.warn("Discarding the Kafka producer after a failed batch");
            producerMetrics.close();
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producerMetrics.close();
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    @ProcessingGroup(PROCESSOR)
    static final class PublishingHandler {
        private final KafkaEventPublisher publisher;

        PublishingHandler(KafkaEventPublisher publisher) {
            this.publisher = publisher;
        }

        @EventHandler
        void on(Object payload, @SourceId String subject, @SequenceNumber Long sequence,
                @MessageIdentifier String eventId, @Timestamp Instant time, MetaData metaData) {
            publisher.publish(payload, subject, sequence, eventId, time, metaData);
        }
    }
}
