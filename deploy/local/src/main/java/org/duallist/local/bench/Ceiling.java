package org.duallist.local.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The raw-database ceiling: single-row INSERT transactions shaped like a stored event (the event
 * store's columns and unique key, a payload of the measured size), over JDBC against the same
 * PostgreSQL with the same durability, at a given concurrency. A command can hardly be faster than
 * the one durable commit it needs, so commands/s divided by this TPS says how much the suite costs
 * above the database's floor.
 */
public final class Ceiling {

    private static final String TABLE = "bench_ceiling.domain_event_entry";
    private final DataSource superuser;
    private final int payloadBytes;

    public Ceiling(DataSource superuser, int payloadBytes) {
        this.superuser = superuser;
        this.payloadBytes = payloadBytes;
    }

    /** Result of one concurrency level. */
    public record Level(int concurrency, long transactions, double seconds, double tps, Latencies.Summary latency) {
    }

    public void prepare() throws SQLException {
        try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS bench_ceiling CASCADE");
            statement.execute("CREATE SCHEMA bench_ceiling");
            // the columns and keys of Axon's DomainEventEntry, as the services' event stores have them
            statement.execute("CREATE TABLE " + TABLE + " (global_index BIGSERIAL PRIMARY KEY, event_identifier VARCHAR(255) NOT NULL UNIQUE, "
                    + "aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, type VARCHAR(255), "
                    + "time_stamp VARCHAR(255) NOT NULL, payload_type VARCHAR(255) NOT NULL, payload_revision VARCHAR(255), "
                    + "payload BYTEA NOT NULL, meta_data BYTEA, UNIQUE (aggregate_identifier, sequence_number))");
        }
    }

    public void drop() throws SQLException {
        try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS bench_ceiling CASCADE");
        }
    }

    public Level measure(int concurrency, Duration duration) throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean(true);
        AtomicLong transactions = new AtomicLong();
        Latencies latencies = new Latencies();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long begin = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            long seed = w;
            Thread worker = new Thread(() -> {
                byte[] payload = new byte[payloadBytes];
                new Random(seed).nextBytes(payload);
                try (Connection connection = superuser.getConnection();
                     PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                             + " (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, "
                             + "payload_revision, payload, meta_data) VALUES (?, ?, ?, 'Task', ?, 'org.duallist.contracts.TaskFiledEvent', '2', ?, ?)")) {
                    connection.setAutoCommit(true);
                    while (measuring.get()) {
                        long start = System.nanoTime();
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, UUID.randomUUID().toString());
                        insert.setLong(3, 0);
                        insert.setString(4, java.time.Instant.now().toString());
                        insert.setBytes(5, payload);
                        insert.setBytes(6, "{\"traceId\":\"bench\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        insert.executeUpdate();
                        latencies.record(System.nanoTime() - start);
                        transactions.incrementAndGet();
                    }
                } catch (SQLException | RuntimeException e) {
                    failures.add(e);
                }
            }, "ceiling-" + w);
            worker.start();
            workers.add(worker);
        }
        Thread.sleep(duration.toMillis());
        measuring.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("the ceiling's inserts failed: " + failures.get(0), failures.get(0));
        }
        return new Level(concurrency, transactions.get(), seconds, transactions.get() / seconds, latencies.summary());
    }
}
