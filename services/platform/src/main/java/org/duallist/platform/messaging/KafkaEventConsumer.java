package org.duallist.platform.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.duallist.contracts.CloudEventsKafkaBinding;
import org.duallist.contracts.EventEnvelope;
import org.duallist.platform.metrics.ConsumerMetrics;
import org.duallist.platform.metrics.KafkaClientMetricsBinding;
import org.duallist.platform.tracing.EventSpans;
import org.jboss.logging.Logger;

/**
 * Feeds the service's projections from Kafka. It consumes as a member of the service's consumer
 * group, so that replicas split the partitions; applies each poll's records in one database
 * transaction together with the {@link AppliedEventLedger} (when an event must wait for another topic's,
 * the events before it in a transaction of their own); and commits offsets only after that
 * transaction has committed. A failure rewinds to the last committed position and retries with
 * back-off: events are applied late, never skipped.
 */
@ApplicationScoped
public class KafkaEventConsumer {

    private static final Logger LOG = Logger.getLogger(KafkaEventConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /**
     * Waiting for another topic's consumer (see {@link PrerequisiteMissingException}) ends as soon as it
     * gets there, which may be a while when it has a backlog (a rebuild): the retries keep coming every
     * few seconds, so that this topic follows right behind rather than up to half a minute later.
     */
    private static final Duration MAX_PREREQUISITE_BACKOFF = Duration.ofSeconds(2);
    /** After the events before a waiting one were applied: the other topic's consumer is usually right behind. */
    private static final Duration AFTER_PART_APPLIED = Duration.ofMillis(100);
    /** A poll that has failed for this long is logged as an error, with its stack. */
    private static final Duration PERSISTENT_FAILURE = Duration.ofSeconds(15);

    private final KafkaClients clients;
    private final TopicProvisioner topics;
    private final AppliedEventLedger ledger;
    private final DataSource dataSource;
    private final List<EventProjection> projections;
    private final EventSpans spans;
    private volatile EventReplay replay;
    private final CloudEventsKafkaBinding binding = new CloudEventsKafkaBinding();
    @Inject
    ConsumerMetrics metrics;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private final List<Consumer<String, byte[]>> consumers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Thread> workers = new java.util.ArrayList<>();

    KafkaEventConsumer(KafkaClients clients, TopicProvisioner topics, AppliedEventLedger ledger,
                       DataSource dataSource, Instance<EventProjection> projections, EventSpans spans) {
        this.clients = clients;
        this.topics = topics;
        this.ledger = ledger;
        this.dataSource = dataSource;
        this.projections = projections.stream().toList();
        this.spans = spans;
    }

    void start(@Observes StartupEvent event) {
        if (projections.isEmpty()) {
            return;
        }
        replay = EventReplay.load(dataSource);
        running = true;
        // One consumer per topic: an event that must wait for another topic's event (progress on a
        // task whose filing is not applied yet) holds back only its own topic, never the other.
        for (String topic : subscribedTopics()) {
            Thread worker = new Thread(() -> run(topic), "dual-list-event-consumer-" + topic);
            workers.add(worker);
            worker.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        stopped.countDown();
        consumers.forEach(Consumer::wakeup);
        for (Thread worker : workers) {
            worker.join(Duration.ofSeconds(15).toMillis());
        }
    }

    private Set<String> subscribedTopics() {
        Set<String> names = new TreeSet<>();
        projections.forEach(p -> names.addAll(p.topics()));
        return names;
    }

    private void run(String topic) {
        Duration backoff = Duration.ofMillis(500);
        boolean failing = false;
        long failingSince = 0;
        ConsumerMetrics.TopicProgress progress = metrics.topic(clients.groupId(), topic);
        while (running) {
            try {
                topics.ensureTopics();
                try (Consumer<String, byte[]> kafka = new KafkaConsumer<>(clients.consumer());
                     KafkaClientMetricsBinding clientMetrics = metrics.bind(kafka, clients.groupId())) {
                    consumers.add(kafka);
                    try {
                        kafka.subscribe(List.of(topic));
                        LOG.infof("Consuming %s as group %s", topic, clients.groupId());
                        while (running) {
                            ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(500));
                            progress.polled(kafka, records.count());
                            if (records.isEmpty()) {
                                continue;
                            }
                            List<ConsumerRecord<String, byte[]>> polled = new ArrayList<>(records.count());
                            records.forEach(polled::add);
                            try {
                                QuarkusTransaction.requiringNew().run(() -> applyOnce(polled));
                            } catch (RuntimeException e) {
                                // The events before one that waits for another topic's event are applied and
                                // committed on their own: the poll (up to 2,000 records) does not wait as a whole.
                                int applied = applyBeforeTheWaitingOne(kafka, polled, e, progress);
                                if (!failing) {
                                    failing = true;
                                    failingSince = System.nanoTime();
                                }
                                Duration wait = applied > 0 ? AFTER_PART_APPLIED : backoff;
                                // Early failures are mostly expected (a task's events from another topic not
                                // here yet, a concurrent update): one line each; a failure that persists gets its stack.
                                boolean persistent = System.nanoTime() - failingSince >= PERSISTENT_FAILURE.toNanos();
                                if (!persistent) {
                                    LOG.warnf("Applying %d events failed after %d applied; retrying in %s: %s", polled.size(),
                                            applied, wait, e);
                                } else {
                                    LOG.errorf(e, "Applying %d events still fails after %d applied; retrying in %s", polled.size(),
                                            applied, wait);
                                }
                                rewind(kafka, polled.subList(applied, polled.size()));
                                pause(wait);
                                if (applied > 0) {
                                    backoff = Duration.ofMillis(500);
                                    failingSince = System.nanoTime();
                                } else {
                                    backoff = longer(backoff, waitsForAnotherTopic(e) ? MAX_PREREQUISITE_BACKOFF : MAX_BACKOFF);
                                }
                                continue;
                            }
                            failing = false;
                            kafka.commitSync(nextOffsets(polled));
                            progress.applied(polled.size());
                            backoff = Duration.ofMillis(500);
                        }
                    } finally {
                        consumers.remove(kafka);
                        progress.unassigned();
                    }
                }
            } catch (WakeupException e) {
                // stop() woke the consumer up
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("Event consumer interrupted (%s); reconnecting in %s", e.getMessage(), backoff);
                    pause(backoff);
                    backoff = longer(backoff, MAX_BACKOFF);
                }
            }
        }
    }

    /** Applies the poll's events that were not applied before, in the poll's order, in the caller's transaction. */
    private void applyOnce(List<ConsumerRecord<String, byte[]>> records) {
        List<Arrival> arrivals = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            // an event type this version does not know is passed over
            binding.decode(headersOf(record), record.value()).ifPresent(event -> arrivals.add(new Arrival(record, event)));
        }
        // delivered again after a retry or a rebalance, or twice in this poll: already applied
        Set<EventEnvelope> fresh = Collections.newSetFromMap(new IdentityHashMap<>());
        fresh.addAll(ledger.markApplied(arrivals.stream().map(Arrival::event).toList()));
        arrivals.removeIf(arrival -> !fresh.contains(arrival.event()));
        for (EventProjection projection : projections) {
            List<EventEnvelope> its = arrivals.stream()
                    .filter(arrival -> projection.topics().contains(arrival.record().topic()))
                    .map(Arrival::event).toList();
            if (!its.isEmpty()) {
                projection.prepare(its);
            }
        }
        for (Arrival arrival : arrivals) {
            ConsumerRecord<String, byte[]> record = arrival.record();
            EventEnvelope event = arrival.event();
            // One span per event, a child of the publisher's (ce_traceparent): the command's trace goes on here.
            try (EventSpans.EventSpan span = spans.applying(event.type(), event.subject(), event.id(), record.topic(),
                    record.partition(), record.offset(), clients.groupId(), record.headers())) {
                try {
                    replay.applying(record, () -> {
                        for (EventProjection projection : projections) {
                            if (projection.topics().contains(record.topic())) {
                                projection.apply(event);
                            }
                        }
                    });
                    LOG.debugf("Applied %s", event.type().name());
                } catch (RuntimeException e) {
                    RuntimeException failure = span.failed(e);
                    throw waitsForAnotherTopic(failure) ? new AwaitingPrerequisite(record, failure) : failure;
                }
            }
        }
    }

    private record Arrival(ConsumerRecord<String, byte[]> record, EventEnvelope event) {
    }

    private static Map<String, String> headersOf(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /**
     * After a poll failed on an event that waits for another topic's event: applies and commits the poll's
     * records before that one in a transaction of their own, and answers how many (0 when the poll failed
     * otherwise, on its first record, or when this transaction fails too: then the whole poll is retried).
     */
    private int applyBeforeTheWaitingOne(Consumer<String, byte[]> kafka, List<ConsumerRecord<String, byte[]>> polled,
                                         RuntimeException failure, ConsumerMetrics.TopicProgress progress) {
        int waiting = indexOfWaitingRecord(failure, polled);
        if (waiting <= 0) {
            return 0;
        }
        List<ConsumerRecord<String, byte[]>> before = polled.subList(0, waiting);
        try {
            QuarkusTransaction.requiringNew().run(() -> applyOnce(before));
        } catch (RuntimeException e) {
            LOG.debugf("Applying the %d events before the waiting one failed too: %s", waiting, e);
            return 0;
        }
        kafka.commitSync(nextOffsets(before));
        progress.applied(waiting);
        return waiting;
    }

    private static int indexOfWaitingRecord(Throwable failure, List<ConsumerRecord<String, byte[]>> polled) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AwaitingPrerequisite awaiting) {
                return polled.indexOf(awaiting.record);
            }
        }
        return -1;
    }

    /** An event of the poll that cannot be applied before another topic's event: which record it is. */
    private static final class AwaitingPrerequisite extends RuntimeException {
        private final transient ConsumerRecord<String, byte[]> record;

        AwaitingPrerequisite(ConsumerRecord<String, byte[]> record, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.record = record;
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            offsets.merge(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1),
                    (earlier, later) -> later.offset() > earlier.offset() ? later : earlier);
        }
        return offsets;
    }

    /** Seeks each partition back to its first record among these, which are to be polled again. */
    private static void rewind(Consumer<String, byte[]> kafka, List<ConsumerRecord<String, byte[]>> notApplied) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : notApplied) {
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        first.forEach(kafka::seek);
    }

    /** Waits out a back-off, cut short when the service stops. */
    private void pause(Duration duration) {
        try {
            stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Duration longer(Duration backoff, Duration max) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }

    private static boolean waitsForAnotherTopic(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PrerequisiteMissingException) {
                return true;
            }
        }
        return false;
    }
}
