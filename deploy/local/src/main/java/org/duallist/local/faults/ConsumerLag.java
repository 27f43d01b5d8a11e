package org.duallist.local.faults;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.duallist.contracts.Topics;

/**
 * How far behind in time each service's read model is: a sampler that notes the end of every topic
 * every half second, and for each consumer group finds the latest note its committed offsets have
 * reached. "Lagged 3.2 s" means the read model holds everything that was on Kafka 3.2 s ago, and
 * perhaps not what came since.
 */
public final class ConsumerLag implements AutoCloseable {

    /** The consumer group of each service and the topics it reads. */
    public static final Map<String, List<String>> GROUPS = Map.of(
            "dual-list.query", List.of(Topics.REGISTRATION, Topics.PROGRESS, Topics.SUPERVISION),
            "dual-list.progress", List.of(Topics.REGISTRATION),
            "dual-list.supervision", List.of(Topics.REGISTRATION, Topics.PROGRESS),
            "dual-list.registration", List.of(Topics.PROGRESS, Topics.SUPERVISION));
    private static final Duration INTERVAL = Duration.ofMillis(500);

    private record Note(long nanos, Map<TopicPartition, Long> ends) {
    }

    private final String bootstrap;
    private final Deque<Note> notes = new ArrayDeque<>();
    private final Map<String, Long> longestLagNanos = new HashMap<>();
    private final Map<String, Long> currentLagNanos = new HashMap<>();
    private volatile boolean running;
    private Thread sampler;
    private Admin admin;

    public ConsumerLag(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    public void start() {
        running = true;
        sampler = new Thread(this::sampleUntilClosed, "consumer-lag-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The longest lag seen per consumer group. */
    public synchronized Map<String, Duration> longest() {
        Map<String, Duration> longest = new HashMap<>();
        longestLagNanos.forEach((group, nanos) -> longest.put(group, Duration.ofNanos(nanos)));
        return longest;
    }

    /** True when the last sample found every group at most {@code tolerance} behind. */
    private synchronized boolean within(Duration tolerance) {
        return currentLagNanos.size() == GROUPS.size()
                && currentLagNanos.values().stream().allMatch(lag -> lag <= tolerance.toNanos());
    }

    /** Waits until every group has applied everything on its topics (at most {@code timeout}). */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return awaitWithin(Duration.ZERO, timeout);
    }

    /**
     * Waits until every group is at most {@code tolerance} behind (at most {@code timeout}): under a
     * steady load a read model is never quite at the end, but back to its usual lag.
     */
    public boolean awaitWithin(Duration tolerance, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            currentLagNanos.clear();
        }
        while (System.nanoTime() < deadline) {
            if (within(tolerance)) {
                return true;
            }
            Thread.sleep(INTERVAL.toMillis());
        }
        return false;
    }

    private void sampleUntilClosed() {
        while (running) {
            try {
                sample();
            } catch (Exception kafkaUnavailable) {
                // the broker is down or hanging (a fault under test): the lag is taken again when it is back
                closeAdmin();
            }
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() throws Exception {
        Admin kafka = admin();
        long now = System.nanoTime();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<String, TopicDescription> topics = kafka.describeTopics(List.of(Topics.REGISTRATION, Topics.PROGRESS, Topics.SUPERVISION))
                .allTopicNames().get(5, TimeUnit.SECONDS);
        topics.values().forEach(topic -> topic.partitions().forEach(p ->
                latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        kafka.listOffsets(latest).all().get(5, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        Note note = new Note(now, ends);
        Map<String, Long> lags = new HashMap<>();
        for (var group : GROUPS.entrySet()) {
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(group.getKey())
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            long lag = lagNanos(now, note, group.getValue(), committed);
            if (lag >= 0) {
                lags.put(group.getKey(), lag);
            }
        }
        synchronized (this) {
            notes.addLast(note);
            while (notes.size() > 2_400) { // 20 minutes of notes
                notes.removeFirst();
            }
            currentLagNanos.putAll(lags);
            lags.forEach((group, lag) -> longestLagNanos.merge(group, lag, Math::max));
        }
    }

    /** How long ago the group had applied everything then on its topics; -1 when a sampler just started cannot tell yet. */
    private long lagNanos(long now, Note current, List<String> topics, Map<TopicPartition, OffsetAndMetadata> committed) {
        if (reached(current, topics, committed)) {
            return 0;
        }
        synchronized (this) {
            var newestFirst = notes.descendingIterator();
            while (newestFirst.hasNext()) {
                Note earlier = newestFirst.next();
                if (reached(earlier, topics, committed)) {
                    return now - earlier.nanos();
                }
            }
            // behind the first note of a sampler just started: how far is not known yet (not "caught up")
            return notes.isEmpty() ? -1 : now - notes.peekFirst().nanos();
        }
    }

    private static boolean reached(Note note, List<String> topics, Map<TopicPartition, OffsetAndMetadata> committed) {
        for (var end : note.ends().entrySet()) {
            if (!topics.contains(end.getKey().topic()) || end.getValue() == 0) {
                continue;
            }
            OffsetAndMetadata position = committed.get(end.getKey());
            if (position == null || position.offset() < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties properties = new Properties();
            properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            admin = Admin.create(properties);
        }
        return admin;
    }

    private synchronized void closeAdmin() {
        if (admin != null) {
            admin.close(Duration.ZERO);
            admin = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (sampler != null) {
            sampler.interrupt();
            sampler.join(5_000);
        }
        closeAdmin();
    }
}
