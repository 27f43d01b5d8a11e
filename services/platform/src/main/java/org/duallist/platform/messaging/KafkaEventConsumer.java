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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.duallist.contracts.CloudEventsKafkaBinding;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.Topics;
import org.duallist.platform.metrics.ConsumerMetrics;
import org.duallist.platform.metrics.KafkaClientMetricsBinding;
import org.duallist.platform.tracing.EventSpans;
import org.jboss.logging.Logger;

/**
 * Feeds the service's projections from Kafka. Each of its consumer threads is a member of the
 * service's consumer group subscribed to every topic the projections read, so that threads and
 * replicas split the partitions; it applies each poll's records in one database transaction together
 * with the {@link AppliedEventLedger}, and commits offsets only after that transaction has committed.
 *
 * <p>The topics are keyed by task and have the same number of partitions, and the range assignor gives
 * a member the same partition numbers of every topic: all of a task's events, whichever service
 * published them, are applied by one thread. Threads and replicas therefore never update the same task
 * at once, and an event that needs another topic's (progress on a task whose filing is not applied
 * yet) usually finds it in the same poll. When it does not, only its partition waits (paused, polled
 * again shortly): the rest of the poll is applied without it. A failure rewinds to the last committed
 * position and retries with back-off: events are applied late, never skipped.
 */
@ApplicationScoped
public class KafkaEventConsumer {

    private static final Logger LOG = Logger.getLogger(KafkaEventConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /**
     * Waiting for another topic's consumer (see {@link PrerequisiteMissingException}) ends as soon as it
     * gets there, which may be a while when it has a backlog (a rebuild): a held partition is polled again
     * at least every second, so that it follows right behind rather than up to half a minute later.
     */
    private static final Duration MAX_PREREQUISITE_BACKOFF = Duration.ofSeconds(1);
    /** A partition's first wait for another topic's event: that topic's consumer is usually right behind. */
    private static final Duration FIRST_WAIT = Duration.ofMillis(100);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    /** A poll that has failed for this long is logged as an error, with its stack. */
    private static final Duration PERSISTENT_FAILURE = Duration.ofSeconds(15);

    private final KafkaClients clients;
    private final TopicProvisioner topics;
    private final AppliedEventLedger ledger;
    private final DataSource dataSource;
    private final List<EventProjection> projections;
    private final EventSpans spans;
    private final int threads;
    private volatile EventReplay replay;
    private final CloudEventsKafkaBinding binding = new CloudEventsKafkaBinding();
    @Inject
    ConsumerMetrics metrics;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private final List<Consumer<String, byte[]>> consumers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Thread> workers = new java.util.ArrayList<>();

    KafkaEventConsumer(KafkaClients clients, TopicProvisioner topics, AppliedEventLedger ledger,
                       DataSource dataSource, Instance<EventProjection> projections, EventSpans spans,
                       @ConfigProperty(name = "dual-list.consumer.threads") int threads) {
        this.clients = clients;
        this.topics = topics;
        this.ledger = ledger;
        this.dataSource = dataSource;
        this.projections = projections.stream().toList();
        this.spans = spans;
        if (threads < 1) {
            throw new IllegalArgumentException("dual-list.consumer.threads must be at least 1, not " + threads);
        }
        this.threads = threads;
    }

    void start(@Observes StartupEvent event) {
        if (projections.isEmpty()) {
            return;
        }
        replay = EventReplay.load(dataSource);
        running = true;
        List<String> subscribed = subscribedTopics();
        for (int i = 1; i <= threads; i++) {
            Thread worker = new Thread(() -> run(subscribed), "dual-list-event-consumer-" + i);
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

    /** The topics the projections read, those others wait for first (see {@link #IN_ORDER_OF_PREREQUISITE}). */
    private List<String> subscribedTopics() {
        Set<String> names = new TreeSet<>();
        projections.forEach(p -> names.addAll(p.topics()));
        return names.stream().sorted(IN_ORDER_OF_PREREQUISITE).toList();
    }

    /**
     * A task is filed on the registration topic, and the other topics' events of it need its filing:
     * a poll's records are applied registration first, so that the filing and the progress of a task
     * in the same poll need no second attempt. Within a topic, the poll's order.
     */
    private static final Comparator<String> IN_ORDER_OF_PREREQUISITE = Comparator.comparingInt(topic -> {
        int rank = Topics.ALL.indexOf(topic);
        return rank < 0 ? Topics.ALL.size() : rank;
    });

    private void run(List<String> subscribed) {
        Duration backoff = Duration.ofMillis(500);
        boolean failing = false;
        long failingSince = 0;
        ConsumerMetrics.MemberProgress progress = metrics.member(clients.groupId(), subscribed);
        while (running) {
            try {
                topics.ensureTopics();
                try (Consumer<String, byte[]> kafka = new KafkaConsumer<>(clients.consumer());
                     KafkaClientMetricsBinding clientMetrics = metrics.bind(kafka, clients.groupId())) {
                    consumers.add(kafka);
                    try {
                        kafka.subscribe(subscribed);
                        LOG.infof("Consuming %s as group %s", subscribed, clients.groupId());
                        WaitingPartitions waiting = new WaitingPartitions();
                        while (running) {
                            waiting.resumeDue(kafka);
                            ConsumerRecords<String, byte[]> records = kafka.poll(waiting.pollTimeout(POLL_TIMEOUT));
                            progress.polled(kafka, records);
                            if (records.isEmpty()) {
                                continue;
                            }
                            List<ConsumerRecord<String, byte[]>> polled = new ArrayList<>(records.count());
                            for (String topic : subscribed) {
                                records.records(topic).forEach(polled::add);
                            }
                            Outcome outcome = applyWhatCanBeApplied(polled);
                            if (!outcome.applied().isEmpty()) {
                                kafka.commitSync(nextOffsets(outcome.applied()));
                                progress.applied(outcome.applied());
                            }
                            if (!outcome.ahead().isEmpty()) {
                                progress.aheadOfPredecessor(outcome.ahead());
                                outcome.ahead().forEach(record -> LOG.warnf("%s: event %s of task %s reached Kafka ahead of "
                                                + "the task's earlier event, which is not applied; passed over until its "
                                                + "publisher sends both again", describe(record),
                                        header(record, CloudEventsKafkaBinding.HEADER_SEQUENCE),
                                        header(record, CloudEventsKafkaBinding.HEADER_SUBJECT)));
                            }
                            if (outcome.failure() != null) {
                                // a failure other than an event waiting for another topic's: the whole rest is retried later
                                if (!failing) {
                                    failing = true;
                                    failingSince = System.nanoTime();
                                }
                                boolean persistent = System.nanoTime() - failingSince >= PERSISTENT_FAILURE.toNanos();
                                if (!persistent) {
                                    LOG.warnf("Applying %d events failed after %d applied; retrying in %s: %s", polled.size(),
                                            outcome.applied().size(), backoff, outcome.failure());
                                } else {
                                    LOG.errorf(outcome.failure(), "Applying %d events still fails after %d applied; retrying in %s",
                                            polled.size(), outcome.applied().size(), backoff);
                                }
                                rewind(kafka, notApplied(polled, outcome.applied()));
                                pause(backoff);
                                backoff = longer(backoff, MAX_BACKOFF);
                                continue;
                            }
                            failing = false;
                            backoff = Duration.ofMillis(500);
                            // the partitions whose next event waits for another topic's event pause; the others go on
                            Set<TopicPartition> progressed = new HashSet<>();
                            outcome.applied().forEach(record -> progressed.add(new TopicPartition(record.topic(), record.partition())));
                            outcome.waitingFrom().forEach((partition, record) -> {
                                kafka.seek(partition, record.offset());
                                waiting.hold(kafka, partition, record, progressed.contains(partition));
                            });
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
            } catch (Error e) {
                // Without this the topic's thread would end in silence and its partitions stay with no one
                // applying them. Running out of memory ends the process instead (-XX:+ExitOnOutOfMemoryError).
                if (running) {
                    LOG.errorf(e, "Event consumer of %s failed; reconnecting in %s", subscribed, backoff);
                    pause(backoff);
                    backoff = longer(backoff, MAX_BACKOFF);
                }
            }
        }
    }

    /**
     * Applies the poll's events that are next in their task's streams (see {@link AppliedEventLedger}), in
     * the poll's order, in the caller's transaction.
     *
     * @return the records passed over because they are ahead of their task's earlier event
     */
    private List<ConsumerRecord<String, byte[]>> applyOnce(List<ConsumerRecord<String, byte[]>> records) {
        List<Arrival> arrivals = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            Map<String, String> headers = headersOf(record);
            Optional<EventEnvelope> event = binding.decode(headers, record.value());
            if (event.isPresent()) {
                arrivals.add(new Arrival(record, event.get(), AppliedEventLedger.Position.of(event.get())));
            } else {
                // A type this version does not know is not applied, but it holds its place in its task's
                // sequence: without it, the task's next event would seem to have overtaken a lost one.
                positionOf(headers).ifPresentOrElse(position -> arrivals.add(new Arrival(record, null, position)),
                        () -> LOG.warnf("%s: an event of unknown type %s without its task's sequence, passed over",
                                describe(record), headers.get(CloudEventsKafkaBinding.HEADER_TYPE)));
            }
        }
        List<AppliedEventLedger.Verdict> verdicts = ledger.markApplied(arrivals.stream().map(Arrival::position).toList());
        List<Arrival> next = new ArrayList<>(arrivals.size());
        List<ConsumerRecord<String, byte[]>> ahead = new ArrayList<>();
        for (int i = 0; i < arrivals.size(); i++) {
            Arrival arrival = arrivals.get(i);
            switch (verdicts.get(i)) {
                case NEXT -> {
                    if (arrival.event() != null) {
                        next.add(arrival);
                    }
                }
                case APPLIED_BEFORE -> {
                    // delivered again after a retry or a rebalance, or twice in this poll
                }
                case AHEAD_OF_PREDECESSOR -> ahead.add(arrival.record());
            }
        }
        for (EventProjection projection : projections) {
            List<EventEnvelope> its = next.stream()
                    .filter(arrival -> projection.topics().contains(arrival.record().topic()))
                    .map(Arrival::event).toList();
            if (!its.isEmpty()) {
                projection.prepare(its);
            }
        }
        for (Arrival arrival : next) {
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
        return ahead;
    }

    /** A polled record, its event (null when of a type this version does not know) and its place in its task's stream. */
    private record Arrival(ConsumerRecord<String, byte[]> record, EventEnvelope event, AppliedEventLedger.Position position) {
    }

    /** Where a record of a type this version cannot read stands in its task's stream, read from its CloudEvents headers. */
    private static Optional<AppliedEventLedger.Position> positionOf(Map<String, String> headers) {
        String source = headers.get(CloudEventsKafkaBinding.HEADER_SOURCE);
        String subject = headers.get(CloudEventsKafkaBinding.HEADER_SUBJECT);
        String sequence = headers.get(CloudEventsKafkaBinding.HEADER_SEQUENCE);
        if (source == null || subject == null || sequence == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AppliedEventLedger.Position(source, subject, Long.parseLong(sequence)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> headersOf(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /**
     * Applies the poll in one transaction. When an event waits for another topic's event, that event and
     * the later ones of its partition (a task's events are in one partition, in order) are left out, and
     * the rest is applied in a new transaction; and so on, at most once per partition of the poll. Once
     * something was applied, what waited is tried again in the same way: it may have waited for an event
     * of this very poll.
     */
    private Outcome applyWhatCanBeApplied(List<ConsumerRecord<String, byte[]>> polled) {
        List<ConsumerRecord<String, byte[]>> applied = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> ahead = new ArrayList<>();
        Map<TopicPartition, ConsumerRecord<String, byte[]>> waitingFrom = new HashMap<>();
        List<ConsumerRecord<String, byte[]>> candidates = polled;
        while (!candidates.isEmpty()) {
            List<ConsumerRecord<String, byte[]>> attempt = candidates;
            try {
                ahead.addAll(QuarkusTransaction.requiringNew().call(() -> applyOnce(attempt)));
                applied.addAll(attempt);
                Map<TopicPartition, ConsumerRecord<String, byte[]>> waited = Map.copyOf(waitingFrom);
                waitingFrom.clear();
                candidates = polled.stream().filter(record -> {
                    ConsumerRecord<String, byte[]> from = waited.get(new TopicPartition(record.topic(), record.partition()));
                    return from != null && record.offset() >= from.offset();
                }).toList();
            } catch (RuntimeException e) {
                ConsumerRecord<String, byte[]> waitingRecord = waitingRecord(e);
                if (waitingRecord == null) {
                    // what earlier attempts applied is committed: its offsets are committed too
                    return new Outcome(applied, ahead, Map.of(), e);
                }
                LOG.debugf("%s waits for another topic's event: %s", describe(waitingRecord), e.getMessage());
                waitingFrom.put(new TopicPartition(waitingRecord.topic(), waitingRecord.partition()), waitingRecord);
                candidates = attempt.stream().filter(record -> {
                    ConsumerRecord<String, byte[]> from = waitingFrom.get(new TopicPartition(record.topic(), record.partition()));
                    return from == null || record.offset() < from.offset();
                }).toList();
                if (candidates.size() == attempt.size()) {
                    return new Outcome(applied, ahead, Map.of(), e); // cannot happen: the waiting record is left out
                }
            }
        }
        return new Outcome(applied, ahead, waitingFrom, null);
    }

    /**
     * What a poll came to: the records applied and committed (those passed over as ahead of their task's
     * earlier event among them, also listed apart), the first waiting record of each held partition, or a failure.
     */
    private record Outcome(List<ConsumerRecord<String, byte[]>> applied, List<ConsumerRecord<String, byte[]>> ahead,
                           Map<TopicPartition, ConsumerRecord<String, byte[]>> waitingFrom, RuntimeException failure) {
    }

    private static List<ConsumerRecord<String, byte[]>> notApplied(List<ConsumerRecord<String, byte[]>> polled,
                                                                   List<ConsumerRecord<String, byte[]>> applied) {
        Set<ConsumerRecord<String, byte[]>> done = Collections.newSetFromMap(new IdentityHashMap<>());
        done.addAll(applied);
        return polled.stream().filter(record -> !done.contains(record)).toList();
    }

    private static ConsumerRecord<String, byte[]> waitingRecord(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AwaitingPrerequisite awaiting) {
                return awaiting.record;
            }
        }
        return null;
    }

    private static String describe(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /**
     * The partitions held back because their next event waits for another topic's event (see {@link
     * PrerequisiteMissingException}): each is paused and polled again after a wait that grows, while
     * it stays stuck, from {@link #FIRST_WAIT} to {@link #MAX_PREREQUISITE_BACKOFF}. The other
     * partitions are consumed meanwhile. A wait that lasts is logged: the other topic's consumer may
     * be far behind (a rebuild) or stopped.
     */
    private static final class WaitingPartitions {
        private final Map<TopicPartition, Held> held = new HashMap<>();

        /** A partition waiting at {@code offset} since {@code since}; paused until {@code resumeAt} when {@code paused}. */
        private record Held(long offset, long since, Duration backoff, long resumeAt, boolean paused, boolean reported) {
        }

        /**
         * Pauses the partition, whose next record waits. The wait doubles while the same record keeps
         * waiting with nothing of its partition applied in between.
         */
        void hold(Consumer<String, byte[]> kafka, TopicPartition partition, ConsumerRecord<String, byte[]> record,
                  boolean partitionProgressed) {
            long now = System.nanoTime();
            Held before = held.get(partition);
            boolean stillStuck = before != null && before.offset() == record.offset() && !partitionProgressed;
            Duration wait = stillStuck ? longer(before.backoff(), MAX_PREREQUISITE_BACKOFF) : FIRST_WAIT;
            long since = stillStuck ? before.since() : now;
            boolean reported = stillStuck && before.reported();
            if (!reported && now - since >= PERSISTENT_FAILURE.toNanos()) {
                LOG.warnf("%s has waited %d s for another topic's event; polling it again every %s", describe(record),
                        Duration.ofNanos(now - since).toSeconds(), wait);
                reported = true;
            }
            held.put(partition, new Held(record.offset(), since, wait, now + wait.toNanos(), true, reported));
            kafka.pause(List.of(partition));
        }

        void resumeDue(Consumer<String, byte[]> kafka) {
            long now = System.nanoTime();
            List<TopicPartition> due = new ArrayList<>();
            held.forEach((partition, h) -> {
                if (h.paused() && h.resumeAt() <= now) {
                    due.add(partition);
                }
            });
            if (due.isEmpty()) {
                return;
            }
            // kept, not paused: a new hold on the same record then waits longer
            due.forEach(partition -> held.computeIfPresent(partition, (p, h) ->
                    new Held(h.offset(), h.since(), h.backoff(), h.resumeAt(), false, h.reported())));
            // a partition revoked by a rebalance meanwhile is no longer paused, nor can it be resumed
            Set<TopicPartition> assigned = kafka.assignment();
            List<TopicPartition> resumable = due.stream().filter(assigned::contains).toList();
            if (!resumable.isEmpty()) {
                kafka.resume(resumable);
            }
        }

        /** Polls no longer than until the next paused partition is due. */
        Duration pollTimeout(Duration longest) {
            long now = System.nanoTime();
            return held.values().stream().filter(Held::paused).mapToLong(Held::resumeAt).min()
                    .stream().mapToObj(next -> Duration.ofNanos(Math.max(0, next - now)))
                    .filter(untilNext -> untilNext.compareTo(longest) < 0)
                    .findFirst().orElse(longest);
        }
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
