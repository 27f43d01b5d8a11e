package org.duallist.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.duallist.contracts.CloudEventsKafkaBinding;
import org.duallist.contracts.Topics;

/**
 * Drops a service's read model and replays it from Kafka: stops every replica of the service,
 * empties its projection tables and its record of applied events in one transaction, notes where
 * each partition ends (the replay boundary, so that the service does not post webhooks or notify
 * again for what it replays), moves its consumer group back to the start of its topics, starts the
 * replicas again and waits until they have applied everything up to the boundary.
 *
 * <p>Only services whose consumers write nothing but their read model can be rebuilt this way:
 * query, progress and supervision (registration's consumer also sends commands).
 */
public final class ReadModelRebuild {

    /** A service that can be rebuilt, with its projection tables (children before parents). */
    public enum Target {
        QUERY(ServiceDefinition.QUERY, List.of(Topics.REGISTRATION, Topics.PROGRESS, Topics.SUPERVISION),
                List.of("task_co_unit", "task_history_entry", "supervision_notice", "task_audit", "task_period", "task")),
        PROGRESS(ServiceDefinition.PROGRESS, List.of(Topics.REGISTRATION), List.of("task_assignment")),
        SUPERVISION(ServiceDefinition.SUPERVISION, List.of(Topics.REGISTRATION, Topics.PROGRESS),
                List.of("task_facts_co_unit", "task_facts"));

        final ServiceDefinition service;
        final List<String> topics;
        final List<String> tables;

        Target(ServiceDefinition service, List<String> topics, List<String> tables) {
            this.service = service;
            this.topics = topics;
            this.tables = tables;
        }

        public ServiceDefinition service() {
            return service;
        }

        public static Target byName(String name) {
            for (Target target : values()) {
                if (target.service.serviceName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return target;
                }
            }
            throw new IllegalArgumentException("'" + name + "' has no read model to rebuild (query, progress or supervision)");
        }

        String consumerGroup() {
            return "dual-list." + service.serviceName();
        }
    }

    /**
     * Events replayed; the time from starting the replicas until they had applied them all, of which
     * {@code start} until the replicas were ready (the consumers begin during the start, so some events
     * are applied by then: {@code appliedAtStart}); and the whole rebuild's time.
     */
    public record Result(long events, Duration replay, Duration start, long appliedAtStart, Duration total) {
        /** Over the whole replay, the service's start included. */
        public double eventsPerSecond() {
            return replay.isZero() ? 0 : events * 1_000_000_000.0 / replay.toNanos();
        }

        /** Once the replicas were ready: the events applied after that, over the time after that. */
        public double eventsPerSecondOnceStarted() {
            Duration applying = replay.minus(start);
            return applying.isZero() || applying.isNegative() ? eventsPerSecond()
                    : (events - appliedAtStart) * 1_000_000_000.0 / applying.toNanos();
        }
    }

    /** How far the replay is: events applied of all. */
    public record Progress(long applied, long total) {
    }

    /**
     * A replay that applies nothing for this long is stuck (an event waiting for one that never comes, a
     * consumer that died): it fails then, saying where, rather than after a fixed time that a large
     * read model would need in full.
     */
    private static final Duration STALL_LIMIT = Duration.ofMinutes(3);

    private ReadModelRebuild() {
    }

    public static Result rebuild(LocalStack stack, Target target, Consumer<Progress> progress)
            throws IOException, InterruptedException {
        long begin = System.nanoTime();
        List<ServiceProcess> replicas = stack.replicas(target.service);
        replicas.forEach(ServiceProcess::stop);
        try (Admin kafka = admin(stack.config())) {
            Map<TopicPartition, Long> starts = offsets(kafka, target.topics, OffsetSpec.earliest());
            Map<TopicPartition, Long> ends = offsets(kafka, target.topics, OffsetSpec.latest());
            long total = 0;
            for (var end : ends.entrySet()) {
                total += end.getValue() - starts.getOrDefault(end.getKey(), 0L);
            }
            emptyReadModel(stack, target, ends);
            rewind(kafka, target.consumerGroup(), starts);

            long replayBegin = System.nanoTime();
            for (ServiceProcess replica : replicas) {
                replica.start();
            }
            long started = System.nanoTime();
            long appliedAtStart = applied(committed(kafka, target.consumerGroup()), starts, ends);
            long lastApplied = -1;
            long lastProgressAt = System.nanoTime();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = committed(kafka, target.consumerGroup());
                Map<TopicPartition, Long> reached = reached(committed, starts, ends);
                long applied = 0;
                boolean done = true;
                for (var end : ends.entrySet()) {
                    long at = reached.get(end.getKey());
                    applied += at - starts.getOrDefault(end.getKey(), 0L);
                    done &= at >= end.getValue();
                }
                progress.accept(new Progress(applied, total));
                if (done) {
                    long now = System.nanoTime();
                    return new Result(total, Duration.ofNanos(now - replayBegin), Duration.ofNanos(started - replayBegin),
                            appliedAtStart, Duration.ofNanos(now - begin));
                }
                if (applied > lastApplied) {
                    lastApplied = applied;
                    lastProgressAt = System.nanoTime();
                } else if (System.nanoTime() - lastProgressAt > STALL_LIMIT.toNanos()) {
                    throw new IOException(target.service.serviceName() + " replayed " + applied + " of " + total
                            + " events and has applied nothing more for " + STALL_LIMIT.toMinutes() + " min; where it stands:"
                            + shortPartitions(stack.config(), reached, ends)
                            + "\nits database sessions:" + sessions(stack, target.service)
                            + "\nthread dumps: " + threadDumps(replicas) + "; logs: " + replicas.get(0).logFile().getParent());
                }
                Thread.sleep(200);
            }
        }
    }

    /** Where each partition's replay stands: the group's committed offset, at most the boundary. */
    private static Map<TopicPartition, Long> reached(Map<TopicPartition, OffsetAndMetadata> committed,
                                                     Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> reached = new HashMap<>();
        for (var end : ends.entrySet()) {
            OffsetAndMetadata position = committed.get(end.getKey());
            reached.put(end.getKey(), position == null ? starts.getOrDefault(end.getKey(), 0L)
                    : Math.min(position.offset(), end.getValue()));
        }
        return reached;
    }

    /**
     * The partitions that have not reached their boundary, each with the event it stopped at (type and
     * task), so that a stalled replay says which event holds it rather than only how many are missing.
     */
    private static String shortPartitions(StackConfig config, Map<TopicPartition, Long> reached, Map<TopicPartition, Long> ends) {
        StringBuilder lines = new StringBuilder();
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            ends.entrySet().stream().sorted(Comparator.comparing(Map.Entry::getKey, Comparator.comparing(TopicPartition::toString)))
                    .filter(end -> reached.get(end.getKey()) < end.getValue()).forEach(end -> {
                        TopicPartition partition = end.getKey();
                        long at = reached.get(partition);
                        lines.append("\n  ").append(partition).append(": at ").append(at).append(" of ").append(end.getValue())
                                .append(", stopped at ").append(describeRecordAt(reader, partition, at));
                    });
        } catch (RuntimeException e) {
            lines.append("\n  (the events they stopped at could not be read: ").append(e.getMessage()).append(')');
        }
        return lines.toString();
    }

    private static String describeRecordAt(KafkaConsumer<String, byte[]> reader, TopicPartition partition, long offset) {
        reader.assign(List.of(partition));
        reader.seek(partition, offset);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500)).records(partition)) {
                if (record.offset() >= offset) {
                    return header(record, CloudEventsKafkaBinding.HEADER_TYPE) + " of " + record.key()
                            + " (" + header(record, CloudEventsKafkaBinding.HEADER_SOURCE) + " #"
                            + header(record, CloudEventsKafkaBinding.HEADER_SEQUENCE) + ")";
                }
            }
        }
        return "an event that could not be read in 10 s";
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** What the service's database sessions are doing: a replay stuck on a lock shows here. */
    private static String sessions(LocalStack stack, ServiceDefinition service) {
        StringBuilder lines = new StringBuilder();
        try (Connection connection = stack.postgres().superuserDataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT pid, state, wait_event_type, wait_event,"
                     + " extract(epoch FROM now() - xact_start)::int, left(regexp_replace(query, '\\s+', ' ', 'g'), 160)"
                     + " FROM pg_stat_activity WHERE usename = ? ORDER BY xact_start NULLS LAST")) {
            select.setString(1, service.role());
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    lines.append("\n  pid ").append(rows.getInt(1)).append(' ').append(rows.getString(2))
                            .append(", waiting for ").append(rows.getString(3)).append('/').append(rows.getString(4))
                            .append(", in a transaction for ").append(rows.getObject(5)).append(" s: ").append(rows.getString(6));
                }
            }
        } catch (SQLException e) {
            lines.append("\n  (not readable: ").append(e.getMessage()).append(')');
        }
        return lines.toString();
    }

    /** Writes each replica's threads beside its log (jcmd of this JVM): where a stuck consumer thread waits. */
    private static String threadDumps(List<ServiceProcess> replicas) {
        List<String> written = new ArrayList<>();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        for (ServiceProcess replica : replicas) {
            if (replica.pid() <= 0) {
                continue;
            }
            Path dump = replica.logFile().resolveSibling(replica.name() + "-threads.txt");
            try {
                Process process = new ProcessBuilder(jcmd.toString(), Long.toString(replica.pid()), "Thread.print")
                        .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
                if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    written.add(dump.toString());
                } else {
                    process.destroyForcibly();
                }
            } catch (IOException e) {
                written.add("(" + replica.name() + ": " + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return written.isEmpty() ? "none written" : String.join(", ", written);
    }

    private static long applied(Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> starts,
                                Map<TopicPartition, Long> ends) {
        long applied = 0;
        for (var at : reached(committed, starts, ends).entrySet()) {
            applied += at.getValue() - starts.getOrDefault(at.getKey(), 0L);
        }
        return applied;
    }

    private static void emptyReadModel(LocalStack stack, Target target, Map<TopicPartition, Long> ends) throws IOException {
        String schema = target.service.schema();
        try (Connection connection = stack.postgres().superuserDataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                StringBuilder tables = new StringBuilder();
                for (String table : target.tables) {
                    tables.append(schema).append('.').append(table).append(", ");
                }
                tables.append(schema).append(".applied_event_sequence");
                statement.execute("TRUNCATE " + tables);
                statement.execute("CREATE TABLE IF NOT EXISTS " + schema + ".replay_boundary ("
                        + "topic VARCHAR(200) NOT NULL, kafka_partition INTEGER NOT NULL, end_offset BIGINT NOT NULL, "
                        + "PRIMARY KEY (topic, kafka_partition))");
                statement.execute("GRANT SELECT ON " + schema + ".replay_boundary TO " + target.service.role());
                statement.execute("DELETE FROM " + schema + ".replay_boundary");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + schema + ".replay_boundary (topic, kafka_partition, end_offset) VALUES (?, ?, ?)")) {
                for (var end : ends.entrySet()) {
                    insert.setString(1, end.getKey().topic());
                    insert.setInt(2, end.getKey().partition());
                    insert.setLong(3, end.getValue());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IOException("cannot empty the read model of " + target.service.serviceName() + ": " + e.getMessage(), e);
        }
    }

    /** Moves the group back to the start; the group must be empty, which it is once its members' sessions end. */
    private static void rewind(Admin kafka, String group, Map<TopicPartition, Long> starts) throws IOException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        starts.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                kafka.alterConsumerGroupOffsets(group, offsets).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("cannot move consumer group " + group + " back to the start: " + e.getMessage(), e);
                }
                Thread.sleep(1_000); // a member that was killed stays in the group until its session times out
            }
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin kafka, List<String> topics, OffsetSpec spec) throws IOException {
        try {
            Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
            kafka.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().forEach(topic ->
                    topic.partitions().forEach(p -> wanted.put(new TopicPartition(topic.name(), p.partition()), spec)));
            Map<TopicPartition, Long> offsets = new HashMap<>();
            kafka.listOffsets(wanted).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> offsets.put(tp, info.offset()));
            return offsets;
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read the offsets of " + topics + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin kafka, String group) throws IOException {
        try {
            return kafka.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read the offsets of consumer group " + group + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static Admin admin(StackConfig config) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        return Admin.create(properties);
    }
}
