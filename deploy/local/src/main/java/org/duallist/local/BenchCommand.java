package org.duallist.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
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
import org.duallist.local.bench.Ceiling;
import org.duallist.local.bench.CommandWorkload;
import org.duallist.local.bench.Footprint;
import org.duallist.local.bench.Latencies;
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
                    + "durable (fsync on, synchronous commit on), measures the raw-database ceiling (single-row INSERT transactions "
                    + "of a stored event's size over JDBC) and filing + registering tasks through the REST API at concurrency 8, 16, "
                    + "32 and 64, with the start time and memory of every process, and writes bench/results/<time>[-quick].md and .json.",
            "Exit code 0 when every command was answered 2xx."
        })
class BenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final int[] CONCURRENCIES = {8, 16, 32, 64};

    @Option(names = "--quick", description = "Short measurements (5 s each instead of 30 s).")
    boolean quick;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the generated content (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Directory of the report (default <repo>/bench/results).")
    Path out;

    @Override
    public Integer call() {
        PrintStream console = System.out;
        Path root = DualListCommand.repoRoot();
        StackConfig config = benchStack(root);
        Duration measure = quick ? Duration.ofSeconds(5) : Duration.ofSeconds(30);
        Duration warmUp = quick ? Duration.ofSeconds(2) : Duration.ofSeconds(5);
        LocalStack stack = LocalStack.prepare(config);
        Thread cleanup = new Thread(stack::close, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            console.printf(Locale.ROOT, "Starting a durable stack in %s ...%n", config.dataDir());
            stack.start();
            console.printf(Locale.ROOT, "Up in %.1f s.%n", stack.totalStartTime().toMillis() / 1000.0);
            Map<String, Long> pids = pids(stack);
            Map<String, Double> idle = Footprint.nowMiB(pids);

            String requester = stack.tokens().mint(LocalTokens.unit(CommandWorkload.REQUESTER, UnitSide.MILITARY, CommandWorkload.REGION));
            String office = stack.tokens().mint(LocalTokens.office(CommandWorkload.REGION));
            CommandWorkload commands = new CommandWorkload(config.baseUrls(ServiceDefinition.REGISTRATION).get(0), requester, office, seed);
            console.println("Warming up (filing and registering at concurrency 8) ...");
            commands.run(8, Duration.ZERO, warmUp.multipliedBy(2));
            int eventBytes = commandsEventBytes(stack);

            Ceiling ceiling = new Ceiling(stack.postgres().superuserDataSource(), eventBytes);
            ceiling.prepare();
            List<Ceiling.Level> ceilings = new ArrayList<>();
            List<CommandWorkload.Level> levels = new ArrayList<>();
            Map<String, Double> underLoad;
            try (Footprint footprint = new Footprint(pids).start()) {
                for (int concurrency : CONCURRENCIES) {
                    console.printf(Locale.ROOT, "[ceiling] %d connections, single-row INSERT of %d bytes, %d s ...%n",
                            concurrency, eventBytes, measure.toSeconds());
                    Ceiling.Level c = ceiling.measure(concurrency, measure);
                    ceilings.add(c);
                    console.printf(Locale.ROOT, "  %,.0f TPS, p50 %.2f ms, p99 %.2f ms%n", c.tps(), c.latency().p50(), c.latency().p99());
                    console.printf(Locale.ROOT, "[commands] filing + registering, %d callers, %d s ...%n", concurrency, measure.toSeconds());
                    CommandWorkload.Level level = commands.run(concurrency, warmUp, measure);
                    levels.add(level);
                    console.printf(Locale.ROOT, "  %,.0f commands/s (%.2f of the ceiling), p50 %.1f ms, p99 %.1f ms, max %.1f ms%s%n",
                            level.commandsPerSecond(), level.commandsPerSecond() / c.tps(), level.latency().p50(), level.latency().p99(),
                            level.latency().max(), level.failures().isEmpty() ? "" : ", not 2xx: " + level.failures());
                }
                underLoad = footprint.peakMiB();
            } finally {
                ceiling.drop();
            }
            Path directory = out != null ? out : root.resolve("bench").resolve("results");
            Files.createDirectories(directory);
            String name = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").format(ZonedDateTime.now(ZoneOffset.UTC)) + (quick ? "-quick" : "");
            ObjectNode report = report(root, stack, eventBytes, measure, ceilings, levels, idle, underLoad);
            Path json = directory.resolve(name + ".json");
            Path markdown = directory.resolve(name + ".md");
            Files.writeString(json, JSON.writeValueAsString(report), StandardCharsets.UTF_8);
            Files.writeString(markdown, markdown(report), StandardCharsets.UTF_8);
            console.printf(Locale.ROOT, "%nRatio to the ceiling at the best concurrency: %.3f%nReport: %s%n        %s%n",
                    report.path("ratioToCeiling").asDouble(), markdown, json);
            boolean allAnswered = levels.stream().allMatch(l -> l.failures().isEmpty());
            return allAnswered ? 0 : 1;
        } catch (IOException | java.sql.SQLException e) {
            System.err.println("bench failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            stack.close();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
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

    private ObjectNode report(Path root, LocalStack stack, int eventBytes, Duration measure, List<Ceiling.Level> ceilings,
                              List<CommandWorkload.Level> levels, Map<String, Double> idle, Map<String, Double> underLoad)
            throws java.sql.SQLException {
        int best = 0;
        for (int i = 1; i < levels.size(); i++) {
            if (levels.get(i).commandsPerSecond() > levels.get(best).commandsPerSecond()) {
                best = i;
            }
        }
        ObjectNode report = JSON.createObjectNode();
        // first, so that whoever greps the report finds the headline figure first
        report.put("ratioToCeiling", round(levels.get(best).commandsPerSecond() / ceilings.get(best).tps(), 3));
        report.put("bestConcurrency", levels.get(best).concurrency());
        report.put("commandsPerSecondAtBest", round(levels.get(best).commandsPerSecond(), 1));
        report.put("ceilingTpsAtBest", round(ceilings.get(best).tps(), 1));
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
        versions.put("postgresql", postgresVersion(stack));
        versions.put("kafka", org.apache.kafka.common.utils.AppInfoParser.getVersion());
        versions.put("quarkus", pomProperty(root, "quarkus.version"));
        versions.put("axon", pomProperty(root, "axon.version"));
        ObjectNode settings = report.putObject("settings");
        settings.put("fsync", "on");
        settings.put("synchronousCommit", "on");
        settings.put("measureSeconds", measure.toSeconds());
        settings.put("eventBytes", eventBytes);
        settings.put("replicas", stack.config().replicas());
        ArrayNode rows = report.putArray("commandsAgainstCeiling");
        for (int i = 0; i < levels.size(); i++) {
            CommandWorkload.Level l = levels.get(i);
            Ceiling.Level c = ceilings.get(i);
            ObjectNode row = rows.addObject();
            row.put("concurrency", l.concurrency());
            row.put("commandsPerSecond", round(l.commandsPerSecond(), 1));
            row.put("ceilingTps", round(c.tps(), 1));
            row.put("ratio", round(l.commandsPerSecond() / c.tps(), 3));
            row.put("commands", l.commands());
            latency(row.putObject("latencyMs"), l.latency());
            latency(row.putObject("filingLatencyMs"), l.filing());
            latency(row.putObject("registrationLatencyMs"), l.registration());
            latency(row.putObject("ceilingLatencyMs"), c.latency());
            ObjectNode failures = row.putObject("notAnswered2xx");
            l.failures().forEach(failures::put);
        }
        ObjectNode footprint = report.putObject("footprint");
        footprint.put("stackReadySeconds", round(stack.totalStartTime().toMillis() / 1000.0, 1));
        ObjectNode starts = footprint.putObject("startSeconds");
        stack.startTimes().forEach((name, time) -> starts.put(name, round(time.toMillis() / 1000.0, 1)));
        ObjectNode idleRss = footprint.putObject("rssIdleMiB");
        idle.forEach((name, mib) -> idleRss.put(name, round(mib, 0)));
        ObjectNode loadRss = footprint.putObject("rssPeakUnderLoadMiB");
        underLoad.forEach((name, mib) -> loadRss.put(name, round(mib, 0)));
        report.putArray("notMeasuredYet").add("mixed day").add("propagation to the query API").add("leaders' queries at 100,000 and 1,000,000 tasks")
                .add("rebuild events/s").add("spreadsheet export and import").add("charts");
        return report;
    }

    private static void latency(ObjectNode node, Latencies.Summary summary) {
        node.put("count", summary.count());
        node.put("p50", summary.p50());
        node.put("p95", summary.p95());
        node.put("p99", summary.p99());
        node.put("max", summary.max());
    }

    static String markdown(ObjectNode report) {
        StringBuilder md = new StringBuilder();
        md.append("# Dual List benchmark ").append(report.path("time").asText()).append(report.path("quick").asBoolean() ? " (quick)" : "").append("\n\n");
        md.append(String.format(Locale.ROOT, "**Ratio to the raw-insert ceiling: %.3f** (%,.1f commands/s against %,.1f single-row INSERT "
                        + "transactions/s, both at concurrency %d; fsync on, synchronous commit on).%n%n",
                report.path("ratioToCeiling").asDouble(), report.path("commandsPerSecondAtBest").asDouble(),
                report.path("ceilingTpsAtBest").asDouble(), report.path("bestConcurrency").asInt()));
        JsonFields machine = new JsonFields(report.path("machine"));
        md.append("Machine: ").append(machine.get("cores")).append(" cores, ").append(machine.get("memoryGiB")).append(" GiB, ")
                .append(machine.get("cpu")).append("; ").append(machine.get("os")).append("; ").append(machine.get("java")).append("  \n");
        JsonFields versions = new JsonFields(report.path("versions"));
        md.append("Versions: PostgreSQL ").append(versions.get("postgresql")).append(", Kafka ").append(versions.get("kafka"))
                .append(", Quarkus ").append(versions.get("quarkus")).append(", Axon ").append(versions.get("axon")).append("  \n");
        JsonFields settings = new JsonFields(report.path("settings"));
        md.append("Settings: ").append(settings.get("measureSeconds")).append(" s per measurement, stored event ")
                .append(settings.get("eventBytes")).append(" bytes, seed ").append(report.path("seed").asText())
                .append(", one replica per service\n\n");
        md.append("## Filing and registering (workload 1) against the ceiling\n\n");
        md.append("| callers | commands/s | ceiling TPS | ratio | p50 ms | p95 ms | p99 ms | max ms | ceiling p99 ms | not 2xx |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        report.path("commandsAgainstCeiling").forEach(row -> md.append(String.format(Locale.ROOT,
                "| %d | %,.1f | %,.1f | %.3f | %.1f | %.1f | %.1f | %.1f | %.2f | %s |%n",
                row.path("concurrency").asInt(), row.path("commandsPerSecond").asDouble(), row.path("ceilingTps").asDouble(),
                row.path("ratio").asDouble(), row.path("latencyMs").path("p50").asDouble(), row.path("latencyMs").path("p95").asDouble(),
                row.path("latencyMs").path("p99").asDouble(), row.path("latencyMs").path("max").asDouble(),
                row.path("ceilingLatencyMs").path("p99").asDouble(),
                row.path("notAnswered2xx").isEmpty() ? "0" : row.path("notAnswered2xx").toString())));
        md.append("\n## Footprint\n\n");
        md.append("Whole stack ready in ").append(report.path("footprint").path("stackReadySeconds").asText()).append(" s.\n\n");
        md.append("| process | start s | RSS idle MiB | RSS peak under load MiB |\n|---|---:|---:|---:|\n");
        report.path("footprint").path("rssIdleMiB").fieldNames().forEachRemaining(name -> md.append(String.format(Locale.ROOT,
                "| %s | %s | %s | %s |%n", name, report.path("footprint").path("startSeconds").path(name).asText("–"),
                report.path("footprint").path("rssIdleMiB").path(name).asText(),
                report.path("footprint").path("rssPeakUnderLoadMiB").path(name).asText())));
        md.append("\nNot measured by this version of the benchmark yet: ");
        List<String> missing = new ArrayList<>();
        report.path("notMeasuredYet").forEach(item -> missing.add(item.asText()));
        md.append(String.join(", ", missing)).append(".\n");
        return md.toString();
    }

    private record JsonFields(com.fasterxml.jackson.databind.JsonNode node) {
        String get(String field) {
            return node.path(field).asText();
        }
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
