package org.duallist.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duallist.contracts.UnitSide;
import org.duallist.local.faults.ConsumerLag;
import org.duallist.local.faults.PublisherLag;
import org.duallist.local.bench.BenchHttp;
import org.duallist.local.bench.BenchProfile;
import org.duallist.local.bench.BenchReport;
import org.duallist.local.bench.Ceiling;
import org.duallist.local.bench.CommandWorkload;
import org.duallist.local.bench.CpuTimes;
import org.duallist.local.bench.Footprint;
import org.duallist.local.bench.Latencies;
import org.duallist.local.bench.LeaderQueries;
import org.duallist.local.bench.ListWorkbook;
import org.duallist.local.bench.MixedDay;
import org.duallist.local.bench.Propagation;
import org.duallist.local.bench.Spreadsheets;
import org.duallist.local.bench.TaskFill;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./dual-list bench}: starts a durable stack of its own, measures the raw-insert ceiling and
 * the offices' commands at several concurrencies in the same run, and writes a report (Markdown and
 * JSON) under {@code bench/results/}.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a stack of its own (data dir <repo>/.data-bench, wiped first; ports 35432, 39092, 28080-28083) with PostgreSQL "
                    + "durable (fsync on, synchronous commit on) and measures, through the REST APIs with valid tokens: the raw-database "
                    + "ceiling beside filing + registering at concurrency 8, 16, 32 and 64 (commands), a mixed day of every role's "
                    + "commands and reads (mixed), the time until a command shows in the query API under an open-loop load at half the "
                    + "best throughput (propagation), the leaders' overdue list and statistics at N tasks filled through the list import "
                    + "(queries), a list import and the ledger export with the server's memory (spreadsheets), a rebuild of the query "
                    + "read model from Kafka (rebuild), and the start time and memory of every process. Writes "
                    + "bench/results/<time>[-quick].md, .json and SVG charts.",
            "Exit code 0 when every request was answered as expected."
        })
class BenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final int[] CONCURRENCIES = {8, 16, 32, 64};
    static final double SETTLED_CHANGE = 0.05;
    static final int MIN_WARM_UP_WINDOWS = 4;
    static final int MAX_WARM_UP_WINDOWS = 12;
    static final List<String> WORKLOADS = List.of("commands", "mixed", "propagation", "queries", "spreadsheets", "rebuild");
    static final int MIXED_DAY_CALLERS = 16;
    /** The open-loop rate of the propagation workload when workload 1 did not run to measure the best throughput. */
    static final double DEFAULT_PROPAGATION_RATE = 50;

    @Option(names = "--quick", description = "Short measurements (5 s each instead of 30 s; mixed day and propagation 20 s instead of "
            + "120 s), 10,000 tasks for the queries and a 2,000-row list import.")
    boolean quick;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the generated content and operation mix (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Directory of the report (default <repo>/bench/results).")
    Path out;

    @Option(names = "--workloads", split = ",", paramLabel = "NAME",
            description = "Only these workloads (default all): commands, mixed, propagation, queries, spreadsheets, rebuild.")
    List<String> workloads;

    @Option(names = "--tasks", split = ",", paramLabel = "N",
            description = "Tasks in the read model for the leaders' queries, one measurement per N (default 10000 with --quick, "
                    + "else 100000,1000000).")
    List<Long> tasks;

    @Option(names = "--profile", description = "Record a JFR profile of every service and the broker; the report then shows, per "
            + "workload, where each process spent its CPU. The recordings stay in bench/profiles/<time>/ (not committed).")
    boolean profile;

    @Option(names = "--import-rows", paramLabel = "ROWS",
            description = "Rows of the list imported in one request by the spreadsheet workload (default 2000 with --quick, else 10000).")
    Integer importRows;

    @Option(names = "--keep-data", description = "Keep the stack's data dir (<repo>/.data-bench) after a good run, to look "
            + "into the filled database afterwards (dual-list up with DUAL_LIST_DATA pointing at it); the next run wipes it.")
    boolean keepData;

    @Override
    public Integer call() {
        PrintStream console = System.out;
        List<String> selected = workloads == null ? WORKLOADS : workloads.stream().map(w -> w.trim().toLowerCase(Locale.ROOT)).toList();
        for (String workload : selected) {
            if (!WORKLOADS.contains(workload)) {
                System.err.println("dual-list bench: no workload '" + workload + "' (" + String.join(", ", WORKLOADS) + ")");
                return 2;
            }
        }
        List<Long> sizes = tasks != null ? tasks.stream().sorted().toList() : quick ? List.of(10_000L) : List.of(100_000L, 1_000_000L);
        int listRows = importRows != null ? importRows : quick ? 2_000 : 10_000;
        Path root = DualListCommand.repoRoot();
        StackConfig config = benchStack(root);
        Path profiles = root.resolve("bench").resolve("profiles")
                .resolve(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").format(ZonedDateTime.now(ZoneOffset.UTC)));
        if (profile) {
            config = config.withProfiles(profiles);
        }
        Duration measure = quick ? Duration.ofSeconds(5) : Duration.ofSeconds(30);
        Duration warmUp = quick ? Duration.ofSeconds(2) : Duration.ofSeconds(5);
        Duration longMeasure = quick ? Duration.ofSeconds(20) : Duration.ofSeconds(120);
        LocalStack stack = LocalStack.prepare(config);
        Thread cleanup = new Thread(stack::close, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Measurements m = new Measurements();
        boolean succeeded = false;
        try {
            console.printf(Locale.ROOT, "Starting a durable stack in %s ...%n", config.dataDir());
            stack.start();
            console.printf(Locale.ROOT, "Up in %.1f s.%n", stack.totalStartTime().toMillis() / 1000.0);
            Map<String, Long> pids = pids(stack);
            m.idle = Footprint.nowMiB(pids);
            m.postgresVersion = postgresVersion(stack);

            BenchHttp http = new BenchHttp(config.baseUrls(ServiceDefinition.REGISTRATION).get(0),
                    config.baseUrls(ServiceDefinition.PROGRESS).get(0), config.baseUrls(ServiceDefinition.QUERY).get(0),
                    new BenchHttp.Tokens(
                            stack.tokens().mint(LocalTokens.unit(CommandWorkload.REQUESTER, UnitSide.MILITARY, CommandWorkload.REGION)),
                            stack.tokens().mint(LocalTokens.office(CommandWorkload.REGION)),
                            stack.tokens().mint(LocalTokens.unit(CommandWorkload.RESPONSIBLE, UnitSide.CIVIL, CommandWorkload.REGION)),
                            stack.tokens().mint(LocalTokens.leader(CommandWorkload.REGION))));
            CommandWorkload commands = new CommandWorkload(http.registration().toString().replaceAll("/$", ""),
                    http.tokens().requester(), http.tokens().office(), seed);
            m.warmUp = warmUpUntilSettled(commands, quick, console);
            m.eventBytes = commandsEventBytes(stack);

            try (Footprint footprint = new Footprint(pids).start()) {
                if (selected.contains("commands")) {
                    measureCommands(stack, commands, m, measure, warmUp, console);
                }
                if (selected.contains("mixed")) {
                    settle(stack, console);
                    console.printf(Locale.ROOT, "[mixed day] %d callers, %d s ...%n", MIXED_DAY_CALLERS, longMeasure.toSeconds());
                    Instant mixedStart = Instant.now();
                    m.mixed = new MixedDay(http, seed).run(MIXED_DAY_CALLERS, warmUp.multipliedBy(2), longMeasure);
                    m.phases.add(new BenchProfile.Phase("mixed day", mixedStart, Instant.now()));
                    console.printf(Locale.ROOT, "  %,.1f operations/s, p50 %.1f ms, p99 %.1f ms; not 2xx %s, expected %s%n",
                            m.mixed.operationsPerSecond(), m.mixed.all().p50(), m.mixed.all().p99(), m.mixed.notAnswered2xx(),
                            m.mixed.expectedNot2xx());
                }
                if (selected.contains("propagation")) {
                    double best = m.levels.stream().mapToDouble(CommandWorkload.Level::commandsPerSecond).max().orElse(0);
                    double rate = best > 0 ? best / 2 : DEFAULT_PROPAGATION_RATE;
                    m.propagationRateSource = best > 0 ? String.format(Locale.ROOT, "half the best %,.1f of workload 1", best)
                            : "a fixed rate: workload 1 did not run";
                    console.printf(Locale.ROOT, "[propagation] open-loop load at %,.1f commands/s with %d probes, %d s ...%n", rate,
                            Propagation.PROBES, longMeasure.toSeconds());
                    settle(stack, console);
                    try (ConsumerLag lag = new ConsumerLag(config.kafkaBootstrap())) {
                        lag.start();
                        Instant propagationStart = Instant.now();
                        m.propagation = new Propagation(http, seed, config.kafkaBootstrap()).run(rate, longMeasure);
                        m.phases.add(new BenchProfile.Phase("propagation", propagationStart, Instant.now()));
                        m.propagationLongestQueryLag = lag.longest().getOrDefault("dual-list.query", Duration.ZERO);
                    }
                    console.printf(Locale.ROOT, "  propagation p50 %.1f ms, p99 %.1f ms (%d samples); load sent %,.1f/s, p99 %.1f ms%n",
                            m.propagation.all().p50(), m.propagation.all().p99(), m.propagation.all().count(),
                            m.propagation.sentCommandsPerSecond(), m.propagation.loadLatency().p99());
                }
                m.underLoad = footprint.peakMiB();
            }
            if (selected.contains("queries") || selected.contains("spreadsheets")) {
                measureAtSizes(stack, http, sizes, listRows, selected, m, console);
            }
            if (selected.contains("rebuild") && m.rebuild == null) {
                m.rebuild = rebuild(stack, http, m.phases, console);
            }
            if (profile) {
                // the services write their recordings when they stop
                stack.close();
                console.printf(Locale.ROOT, "Reading the profiles in %s ...%n", profiles);
                m.profile = BenchProfile.summarize(profiles, m.phases);
            }

            Path directory = out != null ? out : root.resolve("bench").resolve("results");
            Files.createDirectories(directory);
            String name = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").format(ZonedDateTime.now(ZoneOffset.UTC)) + (quick ? "-quick" : "");
            ObjectNode report = report(root, stack, m, measure, longMeasure, selected, sizes, listRows);
            Map<String, String> charts = BenchReport.charts(report, name);
            ObjectNode chartFiles = report.putObject("charts");
            for (Map.Entry<String, String> chart : charts.entrySet()) {
                Files.writeString(directory.resolve(chart.getKey()), chart.getValue(), StandardCharsets.UTF_8);
                chartFiles.put(chart.getKey().substring(name.length() + 1, chart.getKey().length() - ".svg".length()), chart.getKey());
            }
            Path json = directory.resolve(name + ".json");
            Path markdown = directory.resolve(name + ".md");
            Files.writeString(json, JSON.writeValueAsString(report), StandardCharsets.UTF_8);
            Files.writeString(markdown, markdown(report), StandardCharsets.UTF_8);
            console.printf(Locale.ROOT, "%nRatio to the ceiling at the best concurrency: %s%nReport: %s%n        %s (and %d charts)%n",
                    report.path("ratioToCeiling").asText(), markdown, json, charts.size());
            succeeded = m.allAnsweredAsExpected();
            return succeeded ? 0 : 1;
        } catch (IOException | java.sql.SQLException e) {
            System.err.println("bench failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            stack.close();
            Runtime.getRuntime().removeShutdownHook(cleanup);
            removeDataDir(config, succeeded && !keepData, console);
        }
    }

    /**
     * After a good run the stack's data is of no further use (the report holds every figure) and only
     * takes space (unless {@code --keep-data}); after a failed one its logs tell why, so it stays until
     * the next run wipes it.
     */
    private static void removeDataDir(StackConfig config, boolean remove, PrintStream console) {
        if (!remove) {
            console.println("The benchmark's data dir is kept (its logs: " + config.dataDir().resolve("logs") + ")");
            return;
        }
        try {
            StoreBackup.deleteRecursively(config.dataDir());
        } catch (IOException e) {
            console.println("Could not remove the benchmark's data dir " + config.dataDir() + ": " + e.getMessage());
        }
    }

    /**
     * Waits until every service's consumers have applied everything on Kafka, so that a workload
     * does not start behind the one before it (the query projection may be a backlog behind).
     */
    private static void settle(LocalStack stack, PrintStream console) throws InterruptedException {
        long begin = System.nanoTime();
        // what the publishers have not sent yet is behind on no topic: they come first
        List<String> unpublished;
        try {
            unpublished = new PublisherLag(stack.postgres().superuserDataSource()).awaitPublished(Duration.ofMinutes(5));
        } catch (IOException e) {
            unpublished = List.of("publishers' positions not read: " + e.getMessage());
        }
        unpublished.forEach(store -> console.println("  (not published in 5 min: " + store + ")"));
        try (ConsumerLag lag = new ConsumerLag(stack.config().kafkaBootstrap())) {
            lag.start();
            boolean caughtUp = lag.awaitCaughtUp(Duration.ofMinutes(5));
            console.printf(Locale.ROOT, "  (read models %s in %.1f s)%n", caughtUp ? "caught up" : "still behind after 5 min, going on",
                    (System.nanoTime() - begin) / 1e9);
        }
    }

    /**
     * Runs a supervision pass to its end: the first pass after a fill judges every new task and sets
     * its warning light, thousands of events through supervision, Kafka and the query service. Left
     * to the schedule, that pass may fall into the leaders' queries and measure itself instead
     * (p99 two to three times higher in the runs where the fill's read model caught up early).
     */
    private static SupervisionPass superviseNewTasks(LocalStack stack, BenchHttp http, PrintStream console)
            throws IOException, InterruptedException {
        long begin = System.nanoTime();
        URI supervision = URI.create(stack.config().baseUrls(ServiceDefinition.SUPERVISION).get(0) + "/");
        // 100,000 new tasks take minutes (3-8 ms each while the fill's events are still applied)
        HttpResponse<String> pass = http.post(supervision, "admin/supervision/evaluation", http.tokens().office(), null,
                Duration.ofHours(2));
        if (pass.statusCode() != 200) {
            throw new IOException("the supervision pass answered " + pass.statusCode() + ": " + pass.body());
        }
        JsonNode report = JSON.readTree(pass.body());
        SupervisionPass done = new SupervisionPass(report.path("evaluated").asInt(), report.path("unchanged").asInt(),
                report.path("emittedCount").asInt(), (System.nanoTime() - begin) / 1e9);
        console.printf(Locale.ROOT, "  (supervision pass: %,d tasks evaluated, %,d passed over unchanged, %,d lights and notices in %.1f s)%n",
                done.evaluated(), done.unchanged(), done.emitted(), done.seconds());
        return done;
    }

    /**
     * The pass asked for after a fill (the scheduled one may have judged some of the new tasks before it; the
     * asked one waits for it to end).
     */
    record SupervisionPass(int evaluated, int unchanged, int emitted, double seconds) {
    }

    /** Everything a run measured; a workload left out stays null or empty. */
    static final class Measurements {
        Map<String, Double> idle = Map.of();
        String postgresVersion;
        Map<String, Double> underLoad = Map.of();
        int eventBytes;
        final List<Ceiling.Level> ceilings = new ArrayList<>();
        final List<CommandWorkload.Level> levels = new ArrayList<>();
        /** Cores each process used during each level of workload 1 (warm-up and measurement). */
        final List<Map<String, Double>> levelCores = new ArrayList<>();
        /** Of those, the cores each Java process's JIT compiler threads used. */
        final List<Map<String, Double>> levelCompilingCores = new ArrayList<>();
        MixedDay.Result mixed;
        Propagation.Result propagation;
        String propagationRateSource;
        Duration propagationLongestQueryLag;
        List<Double> warmUp = List.of();
        final List<LeaderQueries.Result> queries = new ArrayList<>();
        final List<TaskFill.Filled> fills = new ArrayList<>();
        final List<SupervisionPass> supervisionPasses = new ArrayList<>();
        Spreadsheets.Measured listImport;
        /** Why the list import asked for was not measured, when it was not. */
        String listImportLeftOut;
        final List<Spreadsheets.Measured> exports = new ArrayList<>();
        RebuildFigures rebuild;
        /** Each workload's window, for the profiles (--profile). */
        final List<BenchProfile.Phase> phases = new ArrayList<>();
        Map<String, Map<String, BenchProfile.Hotspots>> profile;

        boolean allAnsweredAsExpected() {
            return levels.stream().allMatch(l -> l.failures().isEmpty())
                    && (mixed == null || mixed.notAnswered2xx().isEmpty())
                    && (propagation == null || (propagation.loadNotAnswered2xx().isEmpty() && propagation.probeFailures().isEmpty()))
                    && queries.stream().allMatch(q -> q.notAnswered2xx().isEmpty())
                    && (rebuild == null || rebuild.tasksAfter() == rebuild.tasksBefore());
        }
    }

    /** The rebuild's figures, with the tasks the office saw before and after it (the same when it replayed everything). */
    record RebuildFigures(ReadModelRebuild.Result result, long tasksBefore, long tasksAfter) {
    }

    /**
     * The services run the optimising compiler, which needs thousands of commands before the hot paths
     * are compiled: measured before that, the first concurrency levels would partly measure the JIT.
     * Windows of filing and registering at concurrency 16 run until the throughput stops climbing: at
     * least {@link #MIN_WARM_UP_WINDOWS}, and the latest no more than {@link #SETTLED_CHANGE} above the
     * best before it (two windows close to each other are not enough: the curve climbs in small steps
     * too); at most {@link #MAX_WARM_UP_WINDOWS} windows.
     */
    private static List<Double> warmUpUntilSettled(CommandWorkload commands, boolean quick, PrintStream console)
            throws InterruptedException {
        Duration window = quick ? Duration.ofSeconds(5) : Duration.ofSeconds(10);
        console.printf(Locale.ROOT, "Warming up (filing and registering at concurrency 16, windows of %d s until the throughput stops climbing) ...%n",
                window.toSeconds());
        List<Double> rates = new ArrayList<>();
        while (rates.size() < MAX_WARM_UP_WINDOWS) {
            double rate = commands.run(16, Duration.ZERO, window).commandsPerSecond();
            rates.add(rate);
            console.printf(Locale.ROOT, "  %,.1f commands/s%n", rate);
            if (settled(rates)) {
                break;
            }
        }
        return rates;
    }

    static boolean settled(List<Double> rates) {
        if (rates.size() < MIN_WARM_UP_WINDOWS) {
            return false;
        }
        double latest = rates.get(rates.size() - 1);
        double bestBefore = rates.subList(0, rates.size() - 1).stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return bestBefore > 0 && latest <= bestBefore * (1 + SETTLED_CHANGE);
    }

    private void measureCommands(LocalStack stack, CommandWorkload commands, Measurements m, Duration measure, Duration warmUp,
                                 PrintStream console) throws java.sql.SQLException, InterruptedException {
        CpuTimes cpu = new CpuTimes(pids(stack), stack.postgres().postmasterPid());
        Ceiling ceiling = new Ceiling(stack.postgres().superuserDataSource(), m.eventBytes);
        ceiling.prepare();
        try {
            for (int concurrency : CONCURRENCIES) {
                console.printf(Locale.ROOT, "[ceiling] %d connections, single-row INSERT of %d bytes, %d s ...%n",
                        concurrency, m.eventBytes, measure.toSeconds());
                Ceiling.Level c = ceiling.measure(concurrency, measure);
                m.ceilings.add(c);
                console.printf(Locale.ROOT, "  %,.0f TPS, p50 %.2f ms, p99 %.2f ms%n", c.tps(), c.latency().p50(), c.latency().p99());
                console.printf(Locale.ROOT, "[commands] filing + registering, %d callers, %d s ...%n", concurrency, measure.toSeconds());
                Map<String, Double> cpuBefore = cpu.now();
                Map<String, Double> compilingBefore = cpu.compilingNow();
                long started = System.nanoTime();
                Instant levelStart = Instant.now();
                CommandWorkload.Level level = commands.run(concurrency, warmUp, measure);
                m.phases.add(new BenchProfile.Phase("commands at " + concurrency + " callers", levelStart, Instant.now()));
                double wall = (System.nanoTime() - started) / 1e9;
                m.levelCores.add(CpuTimes.coresBetween(cpuBefore, cpu.now(), wall));
                m.levelCompilingCores.add(CpuTimes.coresBetween(compilingBefore, cpu.compilingNow(), wall));
                m.levels.add(level);
                console.printf(Locale.ROOT, "  %,.0f commands/s (%.2f of the ceiling), p50 %.1f ms, p99 %.1f ms, max %.1f ms%s%n",
                        level.commandsPerSecond(), level.commandsPerSecond() / c.tps(), level.latency().p50(), level.latency().p99(),
                        level.latency().max(), level.failures().isEmpty() ? "" : ", not 2xx: " + level.failures());
            }
        } finally {
            ceiling.drop();
        }
    }

    /**
     * Fills the read model to each N through the list import, asks the leaders' questions and
     * exports the ledger there; the first fill starts with the spreadsheet workload's list,
     * imported in one request, and the rebuild runs at the first N (a replay of a million tasks
     * takes hours at today's speed).
     */
    private void measureAtSizes(LocalStack stack, BenchHttp http, List<Long> sizes, int listRows, List<String> selected,
                                Measurements m, PrintStream console) throws IOException, InterruptedException {
        TaskFill fill = new TaskFill(http, seed, console);
        Spreadsheets spreadsheets = new Spreadsheets(http);
        int year = TaskFill.today().getYear();
        for (long size : sizes) {
            long begin = System.nanoTime();
            long before = http.tasksInReadModel();
            long imported = 0;
            if (selected.contains("spreadsheets") && m.listImport == null && before + listRows <= size) {
                console.printf(Locale.ROOT, "[spreadsheets] importing a list of %,d rows in one request ...%n", listRows);
                byte[] workbook = fill.nextWorkbook(listRows);
                m.listImport = spreadsheets.importList(workbook, listRows, stack.service(ServiceDefinition.REGISTRATION).pid(), year);
                imported = listRows;
                console.printf(Locale.ROOT, "  %.1f s (%,.0f rows/s), registration RSS %.0f → peak %.0f MiB%n", m.listImport.seconds(),
                        m.listImport.rowsPerSecond(), m.listImport.rssBeforeMiB(), m.listImport.rssPeakMiB());
            }
            if (selected.contains("spreadsheets") && m.listImport == null && imported == 0 && m.listImportLeftOut == null
                    && before + listRows > size) {
                // the list's tasks count towards the size: a list that would pass it is not imported at this size
                m.listImportLeftOut = String.format(Locale.ROOT, "the import of a %,d-row list (left out: the read model held"
                        + " %,d tasks, and the list would have taken it past the %,d tasks of --tasks; give --tasks at least %,d)",
                        listRows, before, size, before + listRows);
                console.printf(Locale.ROOT, "[spreadsheets] not importing the %,d-row list: %,d tasks there, %,d asked for%n",
                        listRows, before, size);
            }
            console.printf(Locale.ROOT, "[fill] to %,d tasks through the list import (%,d there) ...%n", size, before + imported);
            Instant fillStart = Instant.now();
            TaskFill.Filled filled = fill.fillTo(size, before, imported, begin);
            m.phases.add(new BenchProfile.Phase(String.format(Locale.ROOT, "fill to %,d tasks", size), fillStart, Instant.now()));
            m.fills.add(filled);
            long there = http.tasksInReadModel();
            console.printf(Locale.ROOT, "  %,d tasks imported in %.1f s, in the read model after %.1f s: %,.1f tasks/s%n",
                    filled.imported(), filled.importSeconds(), filled.seconds(), filled.tasksPerSecond());
            if (selected.contains("queries")) {
                Instant passStart = Instant.now();
                m.supervisionPasses.add(superviseNewTasks(stack, http, console));
                m.phases.add(new BenchProfile.Phase(String.format(Locale.ROOT, "supervision pass at %,d tasks", size), passStart,
                        Instant.now()));
                settle(stack, console);
                console.printf(Locale.ROOT, "[queries] at %,d tasks: %d requests per question ...%n", there, LeaderQueries.REQUESTS);
                Instant queriesStart = Instant.now();
                LeaderQueries.Result result = new LeaderQueries(http, seed).run(there, year);
                m.phases.add(new BenchProfile.Phase(String.format(Locale.ROOT, "queries at %,d tasks", there), queriesStart, Instant.now()));
                m.queries.add(result);
                result.byQuestion().forEach((question, l) -> console.printf(Locale.ROOT, "  %s: p50 %.1f ms, p99 %.1f ms%n", question,
                        l.p50(), l.p99()));
            }
            if (selected.contains("spreadsheets")) {
                console.printf(Locale.ROOT, "[spreadsheets] exporting the ledger of %,d tasks ...%n", there);
                Spreadsheets.Measured export = spreadsheets.exportLedger(there, stack.service(ServiceDefinition.QUERY).pid(), year);
                m.exports.add(export);
                console.printf(Locale.ROOT, "  %.1f s, %,d bytes, query RSS %.0f → peak %.0f MiB%n", export.seconds(), export.bytes(),
                        export.rssBeforeMiB(), export.rssPeakMiB());
            }
            if (selected.contains("rebuild") && m.rebuild == null) {
                m.rebuild = rebuild(stack, http, m.phases, console);
            }
        }
    }

    private static RebuildFigures rebuild(LocalStack stack, BenchHttp http, List<BenchProfile.Phase> phases, PrintStream console) throws IOException, InterruptedException {
        long before = http.tasksInReadModel();
        console.printf(Locale.ROOT, "[rebuild] dropping the query read model (%,d tasks) and replaying it from Kafka ...%n", before);
        RebuildCommand.ProgressBar bar = new RebuildCommand.ProgressBar(console);
        Instant start = Instant.now();
        ReadModelRebuild.Result result = ReadModelRebuild.rebuild(stack, ReadModelRebuild.Target.QUERY, p -> bar.show(p.applied(), p.total()));
        phases.add(new BenchProfile.Phase("rebuild", start, Instant.now()));
        bar.done();
        long after = http.tasksInReadModel();
        console.printf(Locale.ROOT, "  %,d events in %.1f s: %,.0f events/s; %,d tasks after (%,d before)%n", result.events(),
                result.replay().toMillis() / 1000.0, result.eventsPerSecond(), after, before);
        return new RebuildFigures(result, before, after);
    }

    /** The benchmark's own stack: its own data dir and ports, durable as every local stack. */
    static StackConfig benchStack(Path root) {
        StackConfig config = StackConfig.defaults(root).withDataDir(root.resolve(".data-bench")).withPorts(35432, 39092).withReset(true);
        for (ServiceDefinition service : ServiceDefinition.values()) {
            config = config.withServicePort(service, service.defaultPort() + 20_000);
        }
        return config;
    }

    private static Map<String, Long> pids(LocalStack stack) {
        Map<String, Long> pids = new LinkedHashMap<>();
        stack.services().forEach(service -> pids.put(service.name(), service.pid()));
        pids.put("kafka", stack.kafka().pid());
        return pids;
    }

    private static int commandsEventBytes(LocalStack stack) throws java.sql.SQLException {
        try (Connection connection = stack.postgres().superuserDataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT coalesce(avg(octet_length(payload) + coalesce(octet_length(metadata), 0)), 0) "
                     + "FROM registration.domainevententry")) {
            rows.next();
            return Math.max(64, (int) Math.round(rows.getDouble(1)));
        }
    }

    private ObjectNode report(Path root, LocalStack stack, Measurements m, Duration measure, Duration longMeasure, List<String> selected,
                              List<Long> sizes, int listRows) throws java.sql.SQLException {
        ObjectNode report = JSON.createObjectNode();
        // first, so that whoever greps the report finds the headline figure first
        if (m.levels.isEmpty()) {
            report.putNull("ratioToCeiling");
        } else {
            int best = 0;
            for (int i = 1; i < m.levels.size(); i++) {
                if (m.levels.get(i).commandsPerSecond() > m.levels.get(best).commandsPerSecond()) {
                    best = i;
                }
            }
            report.put("ratioToCeiling", round(m.levels.get(best).commandsPerSecond() / m.ceilings.get(best).tps(), 3));
            report.put("bestConcurrency", m.levels.get(best).concurrency());
            report.put("commandsPerSecondAtBest", round(m.levels.get(best).commandsPerSecond(), 1));
            report.put("ceilingTpsAtBest", round(m.ceilings.get(best).tps(), 1));
        }
        report.put("time", ZonedDateTime.now(ZoneOffset.UTC).toString());
        report.put("quick", quick);
        report.put("seed", seed);
        ObjectNode machine = report.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryGiB", round(memTotalKiB() / 1024.0 / 1024.0, 1));
        machine.put("cpu", cpuModel());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        ObjectNode versions = report.putObject("versions");
        versions.put("postgresql", m.postgresVersion);
        versions.put("kafka", org.apache.kafka.common.utils.AppInfoParser.getVersion());
        versions.put("quarkus", pomProperty(root, "quarkus.version"));
        versions.put("axon", pomProperty(root, "axon.version"));
        ObjectNode settings = report.putObject("settings");
        settings.put("fsync", "on");
        settings.put("synchronousCommit", "on");
        settings.put("measureSeconds", measure.toSeconds());
        ArrayNode warmUpRates = settings.putArray("warmUpCommandsPerSecond");
        m.warmUp.forEach(warmUpRates::add);
        settings.put("mixedDayAndPropagationSeconds", longMeasure.toSeconds());
        settings.put("eventBytes", m.eventBytes);
        settings.put("replicas", stack.config().replicas());
        settings.put("profiled", profile);
        settings.put("workloads", String.join(",", selected));
        ArrayNode taskSizes = settings.putArray("tasks");
        sizes.forEach(taskSizes::add);
        settings.put("importRows", listRows);
        ArrayNode ranks = report.putArray("curveRanks");
        for (double rank : Latencies.CURVE_RANKS) {
            ranks.add(rank);
        }
        ArrayNode rows = report.putArray("commandsAgainstCeiling");
        for (int i = 0; i < m.levels.size(); i++) {
            CommandWorkload.Level l = m.levels.get(i);
            Ceiling.Level c = m.ceilings.get(i);
            ObjectNode row = rows.addObject();
            row.put("concurrency", l.concurrency());
            row.put("commandsPerSecond", round(l.commandsPerSecond(), 1));
            row.put("ceilingTps", round(c.tps(), 1));
            row.put("ratio", round(l.commandsPerSecond() / c.tps(), 3));
            row.put("commands", l.commands());
            latency(row.putObject("latencyMs"), l.latency());
            curve(row.putArray("curveMs"), l.curve());
            latency(row.putObject("filingLatencyMs"), l.filing());
            latency(row.putObject("registrationLatencyMs"), l.registration());
            latency(row.putObject("ceilingLatencyMs"), c.latency());
            ObjectNode failures = row.putObject("notAnswered2xx");
            l.failures().forEach(failures::put);
            if (i < m.levelCores.size()) {
                ObjectNode cores = row.putObject("cpuCores");
                ObjectNode perCommand = row.putObject("cpuMsPerCommand");
                m.levelCores.get(i).forEach((process, used) -> {
                    cores.put(process, round(used, 3));
                    perCommand.put(process, l.commandsPerSecond() > 0 ? round(used * 1000 / l.commandsPerSecond(), 2) : 0);
                });
            }
            if (i < m.levelCompilingCores.size()) {
                ObjectNode compiling = row.putObject("jitCompilingCores");
                m.levelCompilingCores.get(i).forEach((process, used) -> compiling.put(process, round(used, 3)));
            }
        }
        if (m.mixed != null) {
            mixedDay(report.putObject("mixedDay"), m.mixed);
        }
        if (m.propagation != null) {
            propagation(report.putObject("propagation"), m.propagation, m.propagationRateSource, m.propagationLongestQueryLag);
        }
        if (!m.queries.isEmpty() || !m.fills.isEmpty()) {
            report.put("leaderQueriesNote", String.format(Locale.ROOT, "The tasks reached the query read model through the real event path: "
                    + "lists (.xlsx in the template layout) imported through the registration service's POST /api/lists/import in parts "
                    + "of %d items, %d requests at once (each row filed and registered by the service's commands, stored, published to "
                    + "Kafka, projected), on top of the tasks the earlier workloads made; tasks/s counts from the first import to the "
                    + "read model holding them all. Deadlines lie in the next %d days; the query service's business clock was moved "
                    + "%d days ahead for the questions (PUT /admin/clock) and back after. The leader of %s asked each question %d "
                    + "times, one request after the other; the filters pick a responsible unit (overdue, with the list) or a district "
                    + "and a category (statistics) at random from a seeded sequence.%s", TaskFill.PART, TaskFill.PARALLEL,
                    ListWorkbook.DEADLINE_DAYS, ListWorkbook.DEADLINE_DAYS / 2, CommandWorkload.REGION, LeaderQueries.REQUESTS,
                    quick && tasks == null ? " A quick run stops at 10,000 tasks; the issue's 100,000 and 1,000,000 are `--tasks 100000,1000000` (hours at "
                            + "today's import speed)." : ""));
            ArrayNode queries = report.putArray("leaderQueries");
            for (int i = 0; i < m.fills.size(); i++) {
                TaskFill.Filled filled = m.fills.get(i);
                ObjectNode at = queries.addObject();
                LeaderQueries.Result result = i < m.queries.size() ? m.queries.get(i) : null;
                at.put("tasks", result != null ? result.tasks() : filled.target());
                ObjectNode fill = at.putObject("fill");
                fill.put("before", filled.before());
                fill.put("imported", filled.imported());
                fill.put("importSeconds", round(filled.importSeconds(), 1));
                fill.put("seconds", round(filled.seconds(), 1));
                fill.put("tasksPerSecond", round(filled.tasksPerSecond(), 1));
                if (i < m.supervisionPasses.size()) {
                    SupervisionPass supervised = m.supervisionPasses.get(i);
                    ObjectNode pass = at.putObject("supervisionPass");
                    pass.put("evaluated", supervised.evaluated());
                    pass.put("unchanged", supervised.unchanged());
                    pass.put("emitted", supervised.emitted());
                    pass.put("seconds", round(supervised.seconds(), 1));
                }
                if (result != null) {
                    at.put("overdueTotal", result.overdueTotal());
                    ObjectNode questions = at.putObject("questions");
                    result.byQuestion().forEach((question, summary) -> {
                        ObjectNode q = questions.putObject(question.name());
                        q.put("description", question.description());
                        if (question == LeaderQueries.Question.OVERDUE || question == LeaderQueries.Question.OVERDUE_FILTERED) {
                            q.put("meanRows", round(result.meanRows().get(question), 1));
                        }
                        latency(q.putObject("latencyMs"), summary);
                        curve(q.putArray("curveMs"), result.curves().get(question));
                    });
                    ObjectNode failures = at.putObject("notAnswered2xx");
                    result.notAnswered2xx().forEach(failures::put);
                }
            }
        }
        if (m.rebuild != null) {
            ReadModelRebuild.Result r = m.rebuild.result();
            ObjectNode rebuild = report.putObject("rebuild");
            rebuild.put("tasks", m.rebuild.tasksBefore());
            rebuild.put("tasksAfter", m.rebuild.tasksAfter());
            rebuild.put("events", r.events());
            rebuild.put("replaySeconds", round(r.replay().toMillis() / 1000.0, 1));
            rebuild.put("eventsPerSecond", round(r.eventsPerSecond(), 0));
            rebuild.put("serviceStartSeconds", round(r.start().toMillis() / 1000.0, 1));
            rebuild.put("eventsAppliedDuringStart", r.appliedAtStart());
            rebuild.put("eventsPerSecondAfterStart", round(r.eventsPerSecondOnceStarted(), 0));
            rebuild.put("totalSeconds", round(r.total().toMillis() / 1000.0, 1));
        }
        if (m.listImport != null || !m.exports.isEmpty()) {
            ObjectNode spreadsheets = report.putObject("spreadsheets");
            if (m.listImport != null) {
                measured(spreadsheets.putObject("import"), m.listImport, String.format(Locale.ROOT,
                        "import of a %,d-row list in one request (registration)", m.listImport.rows()));
            }
            ArrayNode exports = spreadsheets.putArray("exports");
            m.exports.forEach(e -> measured(exports.addObject(), e, String.format(Locale.ROOT,
                    "ledger export (.xlsx) at %,d tasks (query)", e.rows())));
        }
        ObjectNode footprint = report.putObject("footprint");
        footprint.put("stackReadySeconds", round(stack.totalStartTime().toMillis() / 1000.0, 1));
        ObjectNode starts = footprint.putObject("startSeconds");
        stack.startTimes().forEach((name, time) -> starts.put(name, round(time.toMillis() / 1000.0, 1)));
        ObjectNode idleRss = footprint.putObject("rssIdleMiB");
        m.idle.forEach((name, mib) -> idleRss.put(name, round(mib, 0)));
        ObjectNode loadRss = footprint.putObject("rssPeakUnderLoadMiB");
        m.underLoad.forEach((name, mib) -> loadRss.put(name, round(mib, 0)));
        if (m.profile != null) {
            ObjectNode profileNode = report.putObject("profile");
            m.profile.forEach((phase, byComponent) -> {
                ObjectNode phaseNode = profileNode.putObject(phase);
                byComponent.forEach((component, hotspots) -> {
                    ObjectNode c = phaseNode.putObject(component);
                    c.put("samples", hotspots.samples());
                    ObjectNode libraries = c.putObject("byLibrary");
                    hotspots.byLibrary().forEach(libraries::put);
                    ObjectNode methods = c.putObject("topMethods");
                    hotspots.topMethods().forEach(methods::put);
                });
            });
        }
        ArrayNode missing = report.putArray("notMeasuredYet");
        for (String workload : WORKLOADS) {
            if (!selected.contains(workload)) {
                missing.add(workload + " (left out by --workloads)");
            }
        }
        if (m.listImport == null && m.listImportLeftOut != null) {
            missing.add(m.listImportLeftOut);
        }
        return report;
    }

    private static void mixedDay(ObjectNode node, MixedDay.Result mixed) {
        node.put("concurrency", mixed.concurrency());
        node.put("seconds", round(mixed.seconds(), 1));
        node.put("operationsPerSecond", round(mixed.operationsPerSecond(), 1));
        latency(node.putObject("latencyMs"), mixed.all());
        ObjectNode operations = node.putObject("operations");
        mixed.byOperation().forEach((operation, summary) -> {
            ObjectNode op = operations.putObject(operation.name());
            op.put("description", operation.description());
            op.put("weight", operation.weight());
            latency(op.putObject("latencyMs"), summary);
            curve(op.putArray("curveMs"), mixed.curves().get(operation));
        });
        ObjectNode failures = node.putObject("notAnswered2xx");
        mixed.notAnswered2xx().forEach(failures::put);
        ObjectNode expected = node.putObject("expectedNot2xx");
        mixed.expectedNot2xx().forEach(expected::put);
    }

    private static void propagation(ObjectNode node, Propagation.Result p, String rateSource, Duration longestQueryLag) {
        node.put("targetCommandsPerSecond", round(p.targetCommandsPerSecond(), 1));
        node.put("rateSource", rateSource);
        node.put("sentCommandsPerSecond", round(p.sentCommandsPerSecond(), 1));
        node.put("loadCommands", p.loadCommands());
        node.put("loadBacklog", p.loadBacklog());
        node.put("longestQueryLagSeconds", round(longestQueryLag.toMillis() / 1000.0, 1));
        node.put("seconds", round(p.seconds(), 1));
        latency(node.putObject("loadLatencyMs"), p.loadLatency());
        curve(node.putArray("loadCurveMs"), p.loadCurve());
        ObjectNode loadFailures = node.putObject("loadNotAnswered2xx");
        p.loadNotAnswered2xx().forEach(loadFailures::put);
        node.put("probes", Propagation.PROBES);
        node.put("pollMs", Propagation.POLL.toMillis());
        latency(node.putObject("latencyMs"), p.all());
        ObjectNode steps = node.putObject("steps");
        p.byStep().forEach((step, summary) -> {
            ObjectNode s = steps.putObject(step.name());
            s.put("description", step.description());
            latency(s.putObject("latencyMs"), summary);
            curve(s.putArray("curveMs"), p.curves().get(step));
        });
        ObjectNode failures = node.putObject("probeFailures");
        p.probeFailures().forEach(failures::put);
    }

    private static void measured(ObjectNode node, Spreadsheets.Measured measured, String description) {
        node.put("description", description);
        node.put("rows", measured.rows());
        node.put("bytes", measured.bytes());
        node.put("seconds", round(measured.seconds(), 2));
        node.put("rowsPerSecond", round(measured.rowsPerSecond(), 0));
        node.put("rssBeforeMiB", round(measured.rssBeforeMiB(), 0));
        node.put("rssPeakMiB", round(measured.rssPeakMiB(), 0));
    }

    private static void curve(ArrayNode node, double[] curve) {
        for (double value : curve) {
            node.add(value);
        }
    }

    private static void latency(ObjectNode node, Latencies.Summary summary) {
        node.put("count", summary.count());
        node.put("p50", summary.p50());
        node.put("p95", summary.p95());
        node.put("p99", summary.p99());
        node.put("max", summary.max());
    }

    static String markdown(ObjectNode report) {
        return BenchReport.markdown(report);
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    private static long memTotalKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static String postgresVersion(LocalStack stack) throws java.sql.SQLException {
        try (Connection connection = stack.postgres().superuserDataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW server_version")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String pomProperty(Path root, String property) {
        try {
            Matcher m = Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</").matcher(Files.readString(root.resolve("pom.xml")));
            return m.find() ? m.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
