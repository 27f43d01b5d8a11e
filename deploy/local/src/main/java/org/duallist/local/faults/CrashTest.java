package org.duallist.local.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.duallist.contracts.EventTypes;
import org.duallist.local.LocalStack;
import org.duallist.local.ReadModelRebuild;
import org.duallist.local.ServiceDefinition;
import org.duallist.local.ServiceProcess;
import org.duallist.local.StackConfig;
import org.duallist.local.faults.LoadGenerator.CommandRecord;
import org.duallist.local.faults.LoadGenerator.Step;

/**
 * Breaks the stack on purpose while commands keep coming, then checks the generator's record
 * against what was stored: {@code kill -9} of every service replica in turn, {@code kill -9} of the
 * broker, an immediate shutdown of PostgreSQL, a hang of the broker longer than the services'
 * timeouts; each part is started again by the test. Every command answered 2xx must be in its
 * event store exactly once and in every read model exactly once, nothing may be stored twice, and
 * the query read model must equal a rebuild of it from Kafka.
 */
public final class CrashTest {

    /**
     * @param rate        commands per second the generator sends
     * @param workers     journeys under way at once
     * @param rounds      how many times each fault is injected
     * @param minCommands commands to send at least (the load goes on after the faults until then)
     * @param hang        how long the broker hangs (longer than the services' Kafka timeouts)
     * @param seed        makes the generated content repeatable
     * @param awaitRecovery after each fault, wait until the read models are back within 2 s of the end
     *                    (and report how long that took) before the next; else go on after a few seconds
     */
    public record Settings(double rate, int workers, int rounds, int minCommands, Duration hang, long seed,
                           boolean awaitRecovery) {
    }

    /** One injected fault: when, how long until the part was back, and until every read model had caught up. */
    public record FaultOutcome(String fault, Duration partBackAfter, Duration caughtUpAfter) {
    }

    /** A read model at most this far behind counts as caught up while the load goes on. */
    private static final Duration CAUGHT_UP = Duration.ofSeconds(2);
    private static final int RACE_TASKS = 20;

    private final LocalStack stack;
    private final Settings settings;
    private final PrintStream out;
    private final Set<Long> pidsSeen = new HashSet<>();

    public CrashTest(LocalStack stack, Settings settings, PrintStream out) {
        this.stack = stack;
        this.settings = settings;
        this.out = out;
    }

    public CrashTestReport run() throws IOException, InterruptedException {
        StackConfig config = stack.config();
        notePids();
        LoadGenerator load = new LoadGenerator(
                new LoadGenerator.Settings(settings.rate(), settings.workers(), settings.seed(), Duration.ofMinutes(4)),
                config.baseUrls(ServiceDefinition.REGISTRATION), config.baseUrls(ServiceDefinition.PROGRESS), stack.tokens());
        List<FaultOutcome> outcomes = new ArrayList<>();
        ReplicaRace.Outcome race = null;
        ReplicaAgreement.Outcome agreement = null;
        if (config.replicas() >= 2) {
            out.println("Racing the same command to two replicas at once on " + RACE_TASKS + " tasks ...");
            race = new ReplicaRace(config.baseUrls(ServiceDefinition.REGISTRATION), config.baseUrls(ServiceDefinition.PROGRESS),
                    stack.tokens(), stack.postgres().superuserDataSource()).run(RACE_TASKS);
            out.println("Asking both replicas the same questions, as callers of two regions; webhooks and supervision once ...");
            agreement = new ReplicaAgreement(config, stack.tokens(), stack.postgres().superuserDataSource()).run();
            out.printf(Locale.ROOT, "  agreement checked in %.1f s%n", agreement.took().toMillis() / 1000.0);
        }
        long begin = System.nanoTime();
        try (ConsumerLag lag = new ConsumerLag(config.kafkaBootstrap())) {
            lag.start();
            load.start();
            pause(Duration.ofSeconds(5));
            for (int round = 1; round <= settings.rounds(); round++) {
                for (ServiceDefinition service : config.services()) {
                    for (ServiceProcess replica : stack.replicas(service)) {
                        outcomes.add(inject("kill -9 " + replica.name(), lag, load, () -> {
                            replica.kill();
                            pause(Duration.ofSeconds(1));
                            replica.start();
                        }));
                    }
                }
                outcomes.add(inject("kill -9 kafka", lag, load, () -> {
                    stack.kafka().kill();
                    pause(Duration.ofSeconds(2));
                    stack.kafka().start();
                }));
                outcomes.add(inject("postgres stop -m immediate", lag, load, () -> {
                    stack.postgres().crashImmediately();
                    pause(Duration.ofSeconds(2));
                    stack.postgres().start();
                }));
                outcomes.add(inject("SIGSTOP kafka " + settings.hang().toSeconds() + " s", lag, load, () -> {
                    stack.kafka().hang();
                    try {
                        pause(settings.hang());
                    } finally {
                        stack.kafka().resume();
                    }
                }));
            }
            while (load.commandsSent() < settings.minCommands()) {
                progress(load, "load after the faults");
                pause(Duration.ofSeconds(5));
            }
            load.finish();
            while (!load.isDone()) {
                progress(load, "waiting for the commands under way");
                pause(Duration.ofSeconds(5));
            }
            out.println("Load ended; waiting for every publisher to send what its store holds, and every read model to catch up ...");
            // the consumers' lag counts only what is on Kafka: a publisher waiting out the broker's faults comes first
            List<String> unpublished = new PublisherLag(stack.postgres().superuserDataSource()).awaitPublished(Duration.ofMinutes(5));
            unpublished.forEach(store -> out.println("  not published in 5 min: " + store));
            boolean caughtUp = unpublished.isEmpty() && lag.awaitCaughtUp(Duration.ofMinutes(5));
            Duration loadTime = Duration.ofNanos(System.nanoTime() - begin);
            Map<String, Duration> longestLag = lag.longest();
            notePids();

            Checks checks = check(load.records(), (race == null ? 0 : RACE_TASKS) + (agreement == null ? 0 : agreement.tasksFiled()));
            out.println("Rebuilding the query read model from Kafka to compare ...");
            Map<String, Map<String, String>> before = queryReadModel();
            ReadModelRebuild.Result rebuild = ReadModelRebuild.rebuild(stack, ReadModelRebuild.Target.QUERY, p -> { });
            notePids();
            Map<String, Map<String, String>> after = queryReadModel();
            List<String> rebuildDifferences = differences(before, after);
            return new CrashTestReport(settings, load.records().size(), checks.answered, load.retries(), checks.lost,
                    checks.duplicated, checks.refused, checks.unanswered, checks.missingInReadModels, checks.problems,
                    longestLag, caughtUp, outcomes, rebuild, rebuildDifferences, loadTime, race, agreement, Set.copyOf(pidsSeen), -1);
        } finally {
            load.stop();
        }
    }

    /** Every process the stack ran during the test, for the check that none is left behind. */
    public Set<Long> pidsSeen() {
        return Set.copyOf(pidsSeen);
    }

    private interface Fault {
        void inject() throws IOException, InterruptedException;
    }

    private FaultOutcome inject(String name, ConsumerLag lag, LoadGenerator load, Fault fault) throws IOException, InterruptedException {
        progress(load, "fault: " + name);
        long begin = System.nanoTime();
        fault.inject();
        Duration back = Duration.ofNanos(System.nanoTime() - begin);
        notePids();
        if (!settings.awaitRecovery()) {
            out.printf(Locale.ROOT, "  %-32s back after %5.1f s%n", name, back.toMillis() / 1000.0);
            pause(Duration.ofSeconds(5));
            return new FaultOutcome(name, back, null);
        }
        lag.awaitWithin(CAUGHT_UP, Duration.ofMinutes(3));
        Duration caughtUp = Duration.ofNanos(System.nanoTime() - begin);
        out.printf(Locale.ROOT, "  %-32s back after %5.1f s, read models within 2 s again after %5.1f s%n", name,
                back.toMillis() / 1000.0, caughtUp.toMillis() / 1000.0);
        pause(Duration.ofSeconds(2));
        return new FaultOutcome(name, back, caughtUp);
    }

    private void progress(LoadGenerator load, String doing) {
        out.printf(Locale.ROOT, "[%,d commands sent, %,d retries] %s%n", load.commandsSent(), load.retries(), doing);
    }

    private void notePids() {
        for (ServiceProcess service : stack.services()) {
            if (service.pid() > 0) {
                pidsSeen.add(service.pid());
            }
        }
        if (stack.kafka().pid() > 0) {
            pidsSeen.add(stack.kafka().pid());
        }
    }

    /** What the checks found, against the generator's record. */
    private static final class Checks {
        int answered;
        int lost;
        int duplicated;
        int refused;
        int unanswered;
        int missingInReadModels;
        final List<String> problems = new ArrayList<>();

        void problem(String text) {
            if (problems.size() < 20) {
                problems.add(text);
            }
        }
    }

    private Checks check(List<CommandRecord> records, int filingsBesideTheLoad) throws IOException {
        Checks checks = new Checks();
        DataSource database = stack.postgres().superuserDataSource();
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            Map<String, Integer> stored = new HashMap<>(); // task|event -> rows in the event store
            for (String schema : List.of("registration", "progress")) {
                try (ResultSet rows = sql.executeQuery("SELECT aggregateidentifier, payloadtype, count(*) FROM " + schema
                        + ".domainevententry GROUP BY 1, 2")) {
                    while (rows.next()) {
                        String type = rows.getString(2);
                        stored.merge(rows.getString(1) + "|" + type.substring(type.lastIndexOf('.') + 1), rows.getInt(3), Integer::sum);
                    }
                }
            }
            Map<String, Integer> history = new HashMap<>(); // task|event type -> rows in the query's history
            try (ResultSet rows = sql.executeQuery("SELECT task_id, type, count(*) FROM query.task_history_entry GROUP BY 1, 2")) {
                while (rows.next()) {
                    history.put(rows.getString(1) + "|" + rows.getString(2), rows.getInt(3));
                }
            }
            Map<String, String> queryStatus = column(sql, "SELECT id, status FROM query.task");
            Set<String> progressKnows = column(sql, "SELECT task_id, 1 FROM progress.task_assignment").keySet();
            Set<String> supervisionKnows = column(sql, "SELECT task_id, 1 FROM supervision.task_facts").keySet();
            Set<String> registrationKnowsAccepted = column(sql, "SELECT task_id, 1 FROM registration.task_acceptance").keySet();

            int filingsAnsweredOrTried = filingsBesideTheLoad;
            for (CommandRecord record : records) {
                if (record.step == Step.FILE) {
                    filingsAnsweredOrTried++;
                }
                if (record.answered()) {
                    checks.answered++;
                } else if (record.status != 0) {
                    checks.refused++;
                    checks.problem(record.step + " of " + record.taskId + " refused " + record.status + ": " + record.refusal);
                } else {
                    checks.unanswered++;
                }
                if (record.taskId == null) {
                    continue;
                }
                int inStore = stored.getOrDefault(record.taskId + "|" + record.step.event(), 0);
                if (inStore > 1) {
                    checks.duplicated++;
                    checks.problem(record.step + " of " + record.taskId + " stored " + inStore + " times");
                }
                if (!record.answered()) {
                    continue;
                }
                if (inStore == 0) {
                    checks.lost++;
                    checks.problem(record.step + " of " + record.taskId + " answered " + record.status + " but not stored");
                }
                String type = eventType(record.step);
                int inHistory = history.getOrDefault(record.taskId + "|" + type, 0);
                if (inHistory != 1) {
                    checks.missingInReadModels++;
                    checks.problem(record.step + " of " + record.taskId + " is " + inHistory + " times in the query history"
                            + (inHistory == 0 ? " (" + whereIs(connection, record.taskId, record.step.event()) + ")" : ""));
                }
                boolean missing = !queryStatus.containsKey(record.taskId)
                        || record.step != Step.FILE && !progressKnows.contains(record.taskId)
                        || record.step != Step.FILE && !supervisionKnows.contains(record.taskId)
                        || record.step == Step.ACCEPT && !registrationKnowsAccepted.contains(record.taskId);
                if (missing) {
                    checks.missingInReadModels++;
                    checks.problem(record.step + " of " + record.taskId + " is missing from a read model (query "
                            + queryStatus.get(record.taskId) + ", progress " + progressKnows.contains(record.taskId)
                            + ", supervision " + supervisionKnows.contains(record.taskId) + ")");
                }
            }
            // a filing stored twice under two ids would match no record: count filings the generator never sent
            int filingsStored = 0;
            for (var entry : stored.entrySet()) {
                if (entry.getKey().endsWith("|" + Step.FILE.event())) {
                    filingsStored += entry.getValue();
                }
            }
            if (filingsStored > filingsAnsweredOrTried) {
                checks.duplicated += filingsStored - filingsAnsweredOrTried;
                checks.problem((filingsStored - filingsAnsweredOrTried) + " filings stored that no command accounts for");
            }
        } catch (SQLException e) {
            throw new IOException("checking the stores failed: " + e.getMessage(), e);
        }
        return checks;
    }

    /**
     * Where an event missing from the query history went: its place in its event store, whether its
     * service's publisher has passed it, and how far the query's ledger has applied that service's
     * events of the task.
     */
    private String whereIs(Connection connection, String taskId, String eventClass) {
        try {
            for (String schema : PublisherLag.STORES) {
                try (PreparedStatement select = connection.prepareStatement("SELECT globalindex, sequencenumber FROM " + schema
                        + ".domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?")) {
                    select.setString(1, taskId);
                    select.setString(2, "%." + eventClass);
                    try (ResultSet row = select.executeQuery()) {
                        if (!row.next()) {
                            continue;
                        }
                        long globalIndex = row.getLong(1);
                        long sequence = row.getLong(2);
                        PublisherLag.Position published = new PublisherLag(stack.postgres().superuserDataSource()).position(connection, schema);
                        return "stored by " + schema + " at global index " + globalIndex + ", sequence " + sequence
                                + "; its publisher " + (published.covers(globalIndex) ? "has sent it" : "has not sent it")
                                + " (at " + published.index() + ", gaps " + published.gaps() + ")"
                                + "; the query applied " + schema + "'s events of the task up to sequence "
                                + appliedUpTo(connection, "/dual-list/" + schema, taskId);
                    }
                }
            }
            return "in no event store";
        } catch (SQLException | IOException e) {
            return "not found out: " + e.getMessage();
        }
    }

    private static String appliedUpTo(Connection connection, String stream, String taskId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT last_sequence FROM query.applied_event_sequence WHERE stream = ? AND subject = ?")) {
            select.setString(1, stream);
            select.setString(2, taskId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? String.valueOf(row.getLong(1)) : "(none)";
            }
        }
    }

    private static String eventType(Step step) {
        try {
            Class<?> payload = Class.forName("org.duallist.contracts." + step.event());
            return EventTypes.byPayloadType(payload).orElseThrow().name();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> column(Statement sql, String query) throws SQLException {
        Map<String, String> values = new HashMap<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.put(rows.getString(1), rows.getString(2));
            }
        }
        return values;
    }

    /** Each table of the query read model, row by row (as JSON, keyed, generated ids left out). */
    private Map<String, Map<String, String>> queryReadModel() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        // version is Hibernate's count of updates: a replay applies several events in one transaction.
        // Every other column must equal its rebuild, although the rebuild reads the topics in another order.
        queries.put("task", "SELECT t.id::text, (row_to_json(t)::jsonb - 'version')::text FROM query.task t");
        queries.put("task_co_unit", "SELECT t.task_id || '/' || t.position, row_to_json(t)::text FROM query.task_co_unit t");
        queries.put("task_history_entry", "SELECT t.event_id, (row_to_json(t)::jsonb - 'id')::text FROM query.task_history_entry t");
        queries.put("task_period", "SELECT t.task_id || '/' || t.valid_from, (row_to_json(t)::jsonb - 'id')::text FROM query.task_period t");
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        try (Connection connection = stack.postgres().superuserDataSource().getConnection(); Statement sql = connection.createStatement()) {
            for (var query : queries.entrySet()) {
                tables.put(query.getKey(), column(sql, query.getValue()));
            }
        } catch (SQLException e) {
            throw new IOException("reading the query read model failed: " + e.getMessage(), e);
        }
        return tables;
    }

    /** The rows that differ between two readings of the read model (a few, to show what differs). */
    private static List<String> differences(Map<String, Map<String, String>> before, Map<String, Map<String, String>> after) {
        List<String> differences = new ArrayList<>();
        before.forEach((table, rows) -> {
            Map<String, String> rebuilt = after.getOrDefault(table, Map.of());
            Set<String> keys = new java.util.TreeSet<>(rows.keySet());
            keys.addAll(rebuilt.keySet());
            int differing = 0;
            for (String key : keys) {
                if (!java.util.Objects.equals(rows.get(key), rebuilt.get(key))) {
                    if (differing++ < 3) {
                        differences.add(table + " " + key + ": before " + rows.get(key) + ", rebuilt " + rebuilt.get(key));
                    }
                }
            }
            if (differing > 3) {
                differences.add(table + ": " + differing + " rows differ in all");
            }
        });
        return differences;
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
