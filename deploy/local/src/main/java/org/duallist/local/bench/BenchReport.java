package org.duallist.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's report as people read it: Markdown and SVG charts, both made from the JSON report
 * alone (so a report can be drawn again from its JSON), each workload's section only when the run
 * measured it.
 */
public final class BenchReport {

    private BenchReport() {
    }

    /** The charts of a report, by the file name each is written to ({@code <name>-<chart>.svg}). */
    public static Map<String, String> charts(JsonNode report, String name) {
        Map<String, String> charts = new LinkedHashMap<>();
        List<String> ranks = new ArrayList<>();
        report.path("curveRanks").forEach(rank -> ranks.add("p" + number(rank.asDouble())));
        JsonNode rows = report.path("commandsAgainstCeiling");
        if (rows.size() > 0) {
            List<String> callers = new ArrayList<>();
            double[] throughput = new double[rows.size()];
            double[] p99 = new double[rows.size()];
            double[] p50 = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                callers.add(rows.get(i).path("concurrency").asText());
                throughput[i] = rows.get(i).path("commandsPerSecond").asDouble();
                p99[i] = rows.get(i).path("latencyMs").path("p99").asDouble();
                p50[i] = rows.get(i).path("latencyMs").path("p50").asDouble();
            }
            charts.put(name + "-throughput.svg", new SvgChart("Filing + registering: throughput", "concurrent callers", "commands/s", callers)
                    .series("commands/s", throughput).render());
            charts.put(name + "-p99.svg", new SvgChart("Filing + registering: latency", "concurrent callers", "ms", callers)
                    .series("p99", p99).series("p50", p50).render());
            SvgChart distribution = new SvgChart("Filing + registering: latency distribution", "percentile", "ms", ranks);
            rows.forEach(row -> distribution.series(row.path("concurrency").asText() + " callers", curve(row.path("curveMs"), ranks.size())));
            charts.put(name + "-latency-commands.svg", distribution.render());
        }
        JsonNode mixed = report.path("mixedDay");
        if (!mixed.isMissingNode()) {
            SvgChart distribution = new SvgChart("Mixed day: latency distribution per operation", "percentile", "ms", ranks);
            mixed.path("operations").fields().forEachRemaining(op -> {
                if (op.getValue().path("latencyMs").path("count").asInt() > 0) {
                    distribution.series(op.getKey(), curve(op.getValue().path("curveMs"), ranks.size()));
                }
            });
            charts.put(name + "-latency-mixed.svg", distribution.render());
        }
        JsonNode propagation = report.path("propagation");
        if (!propagation.isMissingNode()) {
            SvgChart distribution = new SvgChart("Propagation to the query API and the load's command latency", "percentile", "ms", ranks);
            propagation.path("steps").fields().forEachRemaining(step -> distribution.series(step.getKey(),
                    curve(step.getValue().path("curveMs"), ranks.size())));
            distribution.series("load commands", curve(propagation.path("loadCurveMs"), ranks.size()));
            charts.put(name + "-latency-propagation.svg", distribution.render());
        }
        JsonNode queries = report.path("leaderQueries");
        if (queries.size() > 0) {
            SvgChart distribution = new SvgChart("Leaders' queries: latency distribution", "percentile", "ms", ranks);
            queries.forEach(at -> at.path("questions").fields().forEachRemaining(q -> distribution.series(
                    q.getKey() + String.format(Locale.ROOT, " @%,d", at.path("tasks").asLong()), curve(q.getValue().path("curveMs"), ranks.size()))));
            charts.put(name + "-latency-queries.svg", distribution.render());
        }
        return charts;
    }

    private static double[] curve(JsonNode values, int size) {
        double[] curve = new double[size];
        for (int i = 0; i < size; i++) {
            curve[i] = values.path(i).asDouble();
        }
        return curve;
    }

    public static String markdown(JsonNode report) {
        StringBuilder md = new StringBuilder();
        md.append("# Dual List benchmark ").append(report.path("time").asText()).append(report.path("quick").asBoolean() ? " (quick)" : "").append("\n\n");
        if (report.path("ratioToCeiling").isNumber()) {
            md.append(String.format(Locale.ROOT, "**Ratio to the raw-insert ceiling: %.3f** (%,.1f commands/s against %,.1f single-row INSERT "
                            + "transactions/s, both at concurrency %d; fsync on, synchronous commit on).%n%n",
                    report.path("ratioToCeiling").asDouble(), report.path("commandsPerSecondAtBest").asDouble(),
                    report.path("ceilingTpsAtBest").asDouble(), report.path("bestConcurrency").asInt()));
        } else {
            md.append("**Ratio to the raw-insert ceiling: not measured** (workload 1 was not run).\n\n");
        }
        JsonNode machine = report.path("machine");
        md.append("Machine: ").append(machine.path("cores").asText()).append(" cores, ").append(machine.path("memoryGiB").asText())
                .append(" GiB, ").append(machine.path("cpu").asText()).append("; ").append(machine.path("os").asText()).append("; ")
                .append(machine.path("java").asText()).append("  \n");
        JsonNode versions = report.path("versions");
        md.append("Versions: PostgreSQL ").append(versions.path("postgresql").asText()).append(", Kafka ").append(versions.path("kafka").asText())
                .append(", Quarkus ").append(versions.path("quarkus").asText()).append(", Axon ").append(versions.path("axon").asText()).append("  \n");
        JsonNode settings = report.path("settings");
        md.append("Settings: ").append(settings.path("measureSeconds").asText()).append(" s per measurement, stored event ")
                .append(settings.path("eventBytes").asText()).append(" bytes, seed ").append(report.path("seed").asText())
                .append(", one replica per service");
        if (settings.has("workloads")) {
            md.append(", workloads ").append(settings.path("workloads").asText());
        }
        if (settings.path("profiled").asBoolean()) {
            md.append("  \n**Profiled with Java Flight Recorder (`--profile`)**: every process recorded while it ran, which costs "
                    + "throughput; compare these figures only with other profiled runs");
        }
        if (settings.path("warmUpCommandsPerSecond").size() > 0) {
            List<String> rates = new ArrayList<>();
            settings.path("warmUpCommandsPerSecond").forEach(rate -> rates.add(String.format(Locale.ROOT, "%.1f", rate.asDouble())));
            md.append("  \nWarm-up before workload 1 (concurrency 16, until a window is no more than 5 % above the best before it, at least 4): ")
                    .append(String.join(" → ", rates)).append(" commands/s");
        }
        md.append("\n\n");
        commands(report, md);
        mixedDay(report, md);
        propagation(report, md);
        queries(report, md);
        rebuild(report, md);
        spreadsheets(report, md);
        footprint(report, md);
        profile(report, md);
        List<String> missing = new ArrayList<>();
        report.path("notMeasuredYet").forEach(item -> missing.add(item.asText()));
        if (!missing.isEmpty()) {
            md.append("\nNot measured by this version of the benchmark yet: ").append(String.join(", ", missing)).append(".\n");
        }
        return md.toString();
    }

    private static void commands(JsonNode report, StringBuilder md) {
        JsonNode rows = report.path("commandsAgainstCeiling");
        if (rows.size() == 0) {
            return;
        }
        md.append("## Filing and registering (workload 1) against the ceiling\n\n");
        md.append("| callers | commands/s | ceiling TPS | ratio | p50 ms | p95 ms | p99 ms | max ms | ceiling p99 ms | not 2xx |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        rows.forEach(row -> md.append(String.format(Locale.ROOT,
                "| %d | %,.1f | %,.1f | %.3f | %.1f | %.1f | %.1f | %.1f | %.2f | %s |%n",
                row.path("concurrency").asInt(), row.path("commandsPerSecond").asDouble(), row.path("ceilingTps").asDouble(),
                row.path("ratio").asDouble(), row.path("latencyMs").path("p50").asDouble(), row.path("latencyMs").path("p95").asDouble(),
                row.path("latencyMs").path("p99").asDouble(), row.path("latencyMs").path("max").asDouble(),
                row.path("ceilingLatencyMs").path("p99").asDouble(), counts(row.path("notAnswered2xx")))));
        cpuPerCommand(rows, md);
        chart(report, "throughput", "Throughput against concurrency", md);
        chart(report, "p99", "p99 and p50 against concurrency", md);
        chart(report, "latency-commands", "Latency distribution per concurrency", md);
    }

    /** Where a command's CPU goes: every process shares the machine's cores, the ceiling's only PostgreSQL. */
    private static void cpuPerCommand(JsonNode rows, StringBuilder md) {
        if (rows.size() == 0 || rows.get(0).path("cpuMsPerCommand").isMissingNode()) {
            return;
        }
        java.util.List<String> processes = new java.util.ArrayList<>();
        rows.get(0).path("cpuMsPerCommand").fieldNames().forEachRemaining(processes::add);
        boolean compiling = !rows.get(0).path("jitCompilingCores").isMissingNode();
        md.append("\nCPU per command (ms of CPU time per answered command, each process over the level's warm-up and measurement; "
                + "cores used in brackets")
                .append(compiling ? "; JIT: the share of the Java processes' CPU their just-in-time compiler threads used, which a "
                        + "JVM spends in its first minutes of load and a service that runs for days no longer does" : "")
                .append("):\n\n| callers | ").append(String.join(" | ", processes)).append(" | all |")
                .append(compiling ? " JIT |" : "").append("\n|---:|");
        processes.forEach(p -> md.append("---:|"));
        md.append(compiling ? "---:|---:|\n" : "---:|\n");
        rows.forEach(row -> {
            md.append("| ").append(row.path("concurrency").asInt()).append(" |");
            double allMs = 0;
            double allCores = 0;
            for (String process : processes) {
                double ms = row.path("cpuMsPerCommand").path(process).asDouble();
                double cores = row.path("cpuCores").path(process).asDouble();
                allMs += ms;
                allCores += cores;
                md.append(String.format(Locale.ROOT, " %.2f (%.2f) |", ms, cores));
            }
            md.append(String.format(Locale.ROOT, " **%.2f** (%.2f) |", allMs, allCores));
            if (compiling) {
                double jit = 0;
                double java = 0;
                for (var entry : (Iterable<java.util.Map.Entry<String, JsonNode>>) row.path("jitCompilingCores")::fields) {
                    jit += entry.getValue().asDouble();
                    java += row.path("cpuCores").path(entry.getKey()).asDouble();
                }
                md.append(String.format(Locale.ROOT, " %.0f %% |", java > 0 ? 100 * jit / java : 0));
            }
            md.append('\n');
        });
    }

    private static void mixedDay(JsonNode report, StringBuilder md) {
        JsonNode mixed = report.path("mixedDay");
        if (mixed.isMissingNode()) {
            return;
        }
        md.append(String.format(Locale.ROOT, "%n## A mixed day (workload 2)%n%n%d callers, closed loop, %.0f s: **%,.1f operations/s** "
                        + "(%,d operations), p50 %.1f ms, p99 %.1f ms. Operations drawn per caller from a seeded mix; one that needs a task "
                        + "in a state nobody reached yet does the step before it, so the done shares are measured.%n%n",
                mixed.path("concurrency").asInt(), mixed.path("seconds").asDouble(), mixed.path("operationsPerSecond").asDouble(),
                mixed.path("latencyMs").path("count").asLong(),
                mixed.path("latencyMs").path("p50").asDouble(), mixed.path("latencyMs").path("p99").asDouble()));
        md.append("| operation | weight % | done % | count | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        long total = mixed.path("latencyMs").path("count").asLong();
        mixed.path("operations").fields().forEachRemaining(op -> {
            JsonNode l = op.getValue().path("latencyMs");
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %,d | %.1f | %.1f | %.1f | %.1f |%n", op.getValue().path("description").asText(),
                    op.getValue().path("weight").asInt(), total == 0 ? 0 : 100.0 * l.path("count").asLong() / total, l.path("count").asLong(),
                    l.path("p50").asDouble(), l.path("p95").asDouble(), l.path("p99").asDouble(), l.path("max").asDouble()));
        });
        md.append("\nNot 2xx: ").append(counts(mixed.path("notAnswered2xx"))).append(". Expected and retried (documented): ")
                .append(counts(mixed.path("expectedNot2xx"))).append(".\n");
        chart(report, "latency-mixed", "Mixed day: latency distribution per operation", md);
    }

    private static void propagation(JsonNode report, StringBuilder md) {
        JsonNode p = report.path("propagation");
        if (p.isMissingNode()) {
            return;
        }
        JsonNode load = p.path("loadLatencyMs");
        md.append(String.format(Locale.ROOT, "%n## Propagation to the query API (workload 3)%n%nOpen-loop load of filing + registering at "
                        + "%,.1f commands/s (%s), answered %,.1f/s (%,d commands; %,d due but not sent when the time was up): command "
                        + "latency from its scheduled time p50 %.1f ms, p99 %.1f ms, max %.1f ms; not 2xx: %s. Beside it %d probes took "
                        + "tasks through their way; polled steps are read every %d ms (up to that much late).%n%n",
                p.path("targetCommandsPerSecond").asDouble(), p.path("rateSource").asText("half the best of workload 1"),
                p.path("sentCommandsPerSecond").asDouble(), p.path("loadCommands").asLong(), p.path("loadBacklog").asLong(),
                load.path("p50").asDouble(),
                load.path("p99").asDouble(), load.path("max").asDouble(), counts(p.path("loadNotAnswered2xx")), p.path("probes").asInt(),
                p.path("pollMs").asInt()));
        if (p.has("longestQueryLagSeconds")) {
            md.append(String.format(Locale.ROOT, "Longest lag of the query service's consumers meanwhile (Kafka offsets against the "
                    + "topics' ends, sampled every 0.5 s): %.1f s.%n%n", p.path("longestQueryLagSeconds").asDouble()));
        }
        md.append("| step | samples | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n");
        p.path("steps").fields().forEachRemaining(step -> {
            JsonNode l = step.getValue().path("latencyMs");
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.1f | %.1f |%n", step.getValue().path("description").asText(),
                    l.path("count").asLong(), l.path("p50").asDouble(), l.path("p95").asDouble(), l.path("p99").asDouble(), l.path("max").asDouble()));
        });
        JsonNode all = p.path("latencyMs");
        md.append(String.format(Locale.ROOT, "| **all probe steps** | %,d | %.1f | %.1f | **%.1f** | %.1f |%n%nProbe failures: %s.%n",
                all.path("count").asLong(), all.path("p50").asDouble(), all.path("p95").asDouble(), all.path("p99").asDouble(),
                all.path("max").asDouble(), counts(p.path("probeFailures"))));
        chart(report, "latency-propagation", "Propagation: latency distribution per step", md);
    }

    private static void queries(JsonNode report, StringBuilder md) {
        JsonNode queries = report.path("leaderQueries");
        if (queries.size() == 0) {
            return;
        }
        md.append("\n## Leaders' queries at N tasks (workload 4)\n\n");
        md.append(report.path("leaderQueriesNote").asText()).append("\n\n");
        md.append("| tasks | tasks imported | imports answered in s | in the read model after s | fill tasks/s | supervision pass after "
                + "the fill: tasks judged, lights and notices, s | overdue |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        queries.forEach(at -> {
            JsonNode pass = at.path("supervisionPass");
            md.append(String.format(Locale.ROOT, "| %,d | %,d | %.1f | %.1f | **%,.1f** | %s | %,d |%n",
                    at.path("tasks").asLong(), at.path("fill").path("imported").asLong(), at.path("fill").path("importSeconds").asDouble(),
                    at.path("fill").path("seconds").asDouble(), at.path("fill").path("tasksPerSecond").asDouble(),
                    pass.isMissingNode() ? "–" : String.format(Locale.ROOT, "%,d, %,d, %.1f", pass.path("evaluated").asInt(),
                            pass.path("emitted").asInt(), pass.path("seconds").asDouble()),
                    at.path("overdueTotal").asLong()));
        });
        md.append("\n| tasks | question | requests | rows/page | p50 ms | p95 ms | p99 ms | max ms |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
        queries.forEach(at -> at.path("questions").fields().forEachRemaining(q -> {
            JsonNode l = q.getValue().path("latencyMs");
            md.append(String.format(Locale.ROOT, "| %,d | %s | %d | %s | %.1f | %.1f | **%.1f** | %.1f |%n",
                    at.path("tasks").asLong(), q.getValue().path("description").asText(), l.path("count").asInt(),
                    q.getValue().has("meanRows") ? String.format(Locale.ROOT, "%.0f", q.getValue().path("meanRows").asDouble()) : "–",
                    l.path("p50").asDouble(), l.path("p95").asDouble(), l.path("p99").asDouble(), l.path("max").asDouble()));
        }));
        queries.forEach(at -> {
            if (at.path("notAnswered2xx").size() > 0) {
                md.append(String.format(Locale.ROOT, "%nNot 2xx at %,d tasks: %s.%n", at.path("tasks").asLong(), counts(at.path("notAnswered2xx"))));
            }
        });
        chart(report, "latency-queries", "Leaders' queries: latency distribution", md);
    }

    private static void rebuild(JsonNode report, StringBuilder md) {
        JsonNode r = report.path("rebuild");
        if (r.isMissingNode()) {
            return;
        }
        md.append(String.format(Locale.ROOT, "%n## Rebuild of the query read model (workload 5)%n%nRead model of %,d tasks dropped and "
                        + "replayed from Kafka: **%,d events in %.1f s, %,.0f events/s** (from the service's start, which took %.1f s of it, "
                        + "to the last event applied; %,.0f events/s after it was ready); whole rebuild with stop, truncate and rewind %.1f s.%n",
                r.path("tasks").asLong(), r.path("events").asLong(), r.path("replaySeconds").asDouble(), r.path("eventsPerSecond").asDouble(),
                r.path("serviceStartSeconds").asDouble(), r.path("eventsPerSecondAfterStart").asDouble(), r.path("totalSeconds").asDouble()));
    }

    private static void spreadsheets(JsonNode report, StringBuilder md) {
        JsonNode s = report.path("spreadsheets");
        if (s.isMissingNode()) {
            return;
        }
        md.append("\n## Spreadsheets (workload 7)\n\n");
        md.append("| what | rows | bytes | seconds | rows/s | server RSS before MiB | server RSS peak MiB |\n|---|---:|---:|---:|---:|---:|---:|\n");
        List<JsonNode> measured = new ArrayList<>();
        if (s.has("import")) {
            measured.add(s.path("import"));
        }
        s.path("exports").forEach(measured::add);
        measured.forEach(m -> md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f | %,.0f | %.0f | %.0f |%n",
                m.path("description").asText(), m.path("rows").asLong(), m.path("bytes").asLong(), m.path("seconds").asDouble(),
                m.path("rowsPerSecond").asDouble(), m.path("rssBeforeMiB").asDouble(), m.path("rssPeakMiB").asDouble())));
    }

    private static void footprint(JsonNode report, StringBuilder md) {
        JsonNode footprint = report.path("footprint");
        md.append("\n## Footprint\n\n");
        md.append("Whole stack ready in ").append(footprint.path("stackReadySeconds").asText()).append(" s.\n\n");
        md.append("| process | start s | RSS idle MiB | RSS peak under load MiB |\n|---|---:|---:|---:|\n");
        footprint.path("rssIdleMiB").fieldNames().forEachRemaining(name -> md.append(String.format(Locale.ROOT,
                "| %s | %s | %s | %s |%n", name, footprint.path("startSeconds").path(name).asText("–"),
                footprint.path("rssIdleMiB").path(name).asText(), footprint.path("rssPeakUnderLoadMiB").path(name).asText("–"))));
    }

    /** The profiled run's hotspots: per workload, each process's method samples by library and by method. */
    private static void profile(JsonNode report, StringBuilder md) {
        JsonNode profile = report.path("profile");
        if (profile.isMissingNode()) {
            return;
        }
        md.append("\n## Where the CPU went (JFR method samples, `--profile`)\n\n");
        md.append("A sample is taken every 10 ms of each running Java thread (time in native code and in PostgreSQL is not "
                + "sampled); a sample counts for the library of its topmost frame outside the JDK.\n");
        profile.fieldNames().forEachRemaining(phase -> {
            md.append("\n### ").append(phase).append("\n\n| process | samples | by library | hottest methods |\n|---|---:|---|---|\n");
            profile.path(phase).fields().forEachRemaining(component -> {
                JsonNode hotspots = component.getValue();
                long samples = hotspots.path("samples").asLong();
                md.append("| ").append(component.getKey()).append(" | ").append(String.format(Locale.ROOT, "%,d", samples)).append(" | ")
                        .append(shares(hotspots.path("byLibrary"), samples, 6)).append(" | ")
                        .append(shares(hotspots.path("topMethods"), samples, 4)).append(" |\n");
            });
        });
    }

    private static String shares(JsonNode counts, long samples, int limit) {
        List<String> parts = new ArrayList<>();
        counts.fields().forEachRemaining(entry -> {
            if (parts.size() < limit && samples > 0) {
                parts.add(String.format(Locale.ROOT, "%s %.0f %%", entry.getKey(), 100.0 * entry.getValue().asLong() / samples));
            }
        });
        return String.join(", ", parts);
    }

    private static void chart(JsonNode report, String chart, String caption, StringBuilder md) {
        JsonNode file = report.path("charts").path(chart);
        if (file.isTextual()) {
            md.append("\n![").append(caption).append("](").append(file.asText()).append(")\n");
        }
    }

    private static String counts(JsonNode counts) {
        return counts == null || counts.isMissingNode() || counts.isEmpty() ? "0" : counts.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
