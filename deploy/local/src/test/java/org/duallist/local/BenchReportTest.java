package org.duallist.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.duallist.local.bench.BenchReport;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    private static final String CURVE = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]";

    private static ObjectNode sample() throws Exception {
        return (ObjectNode) new ObjectMapper().readTree("""
                {"ratioToCeiling": 0.074, "bestConcurrency": 64, "commandsPerSecondAtBest": 114.8, "ceilingTpsAtBest": 1560.2,
                 "time": "2026-11-30T15:37:48Z", "quick": true, "seed": 7,
                 "machine": {"cores": 2, "memoryGiB": 23.5, "cpu": "AMD EPYC", "os": "Linux", "java": "OpenJDK 17"},
                 "versions": {"postgresql": "17.11", "kafka": "4.1.2", "quarkus": "3.33.2", "axon": "4.13.0"},
                 "settings": {"measureSeconds": 5, "eventBytes": 585},
                 "curveRanks": [1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9, 100],
                 "commandsAgainstCeiling": [
                   {"concurrency": 8, "commandsPerSecond": 60.4, "ceilingTps": 1772.9, "ratio": 0.034,
                    "latencyMs": {"p50": 127.0, "p95": 217.9, "p99": 383.4, "max": 420.3}, "ceilingLatencyMs": {"p99": 23.77},
                    "curveMs": CURVE, "notAnswered2xx": {},
                    "cpuCores": {"registration": 0.6, "postgresql": 0.5}, "cpuMsPerCommand": {"registration": 9.93, "postgresql": 8.28},
                    "jitCompilingCores": {"registration": 0.15}},
                   {"concurrency": 64, "commandsPerSecond": 114.8, "ceilingTps": 1560.2, "ratio": 0.074,
                    "latencyMs": {"p50": 519.9, "p95": 930.6, "p99": 1048.4, "max": 1127.2}, "ceilingLatencyMs": {"p99": 185.04},
                    "curveMs": CURVE, "notAnswered2xx": {"registration 500": 2},
                    "cpuCores": {"registration": 0.9, "postgresql": 0.7}, "cpuMsPerCommand": {"registration": 7.84, "postgresql": 6.1},
                    "jitCompilingCores": {"registration": 0.09}}],
                 "mixedDay": {"concurrency": 16, "seconds": 20.0, "operationsPerSecond": 150.5,
                   "latencyMs": {"count": 3010, "p50": 40.0, "p95": 120.0, "p99": 250.0, "max": 400.0},
                   "operations": {
                     "FILE": {"description": "file (requester unit, POST /api/tasks)", "weight": 10,
                              "latencyMs": {"count": 301, "p50": 60.0, "p95": 150.0, "p99": 300.0, "max": 410.0}, "curveMs": CURVE},
                     "STATS": {"description": "statistics (leader, GET /api/stats)", "weight": 6,
                              "latencyMs": {"count": 0, "p50": 0, "p95": 0, "p99": 0, "max": 0}, "curveMs": CURVE}},
                   "notAnswered2xx": {}, "expectedNot2xx": {"PROGRESS 409 (progress service had not learned the claim yet)": 3}},
                 "propagation": {"targetCommandsPerSecond": 57.4, "rateSource": "half the best 114.8 of workload 1",
                   "sentCommandsPerSecond": 57.2, "loadCommands": 1144, "loadLatencyMs": {"p50": 80.0, "p99": 900.0, "max": 1200.0},
                   "loadCurveMs": CURVE, "loadNotAnswered2xx": {}, "probes": 2, "pollMs": 10,
                   "latencyMs": {"count": 120, "p50": 35.0, "p95": 90.0, "p99": 160.5, "max": 200.0},
                   "steps": {"REGISTERED": {"description": "registration → ASSIGNED notification (SSE)",
                     "latencyMs": {"count": 30, "p50": 30.0, "p95": 80.0, "p99": 150.0, "max": 150.0}, "curveMs": CURVE}},
                   "probeFailures": {}},
                 "leaderQueriesNote": "Filled through the list import.",
                 "leaderQueries": [{"tasks": 10000, "fill": {"before": 3000, "imported": 7000, "importSeconds": 50.0, "seconds": 70.0, "tasksPerSecond": 100.0},
                   "supervisionPass": {"evaluated": 6900, "unchanged": 100, "emitted": 2500, "seconds": 20.5},
                   "overdueTotal": 4900,
                   "questions": {"OVERDUE": {"description": "overdue list, page of 100", "meanRows": 100,
                     "latencyMs": {"count": 200, "p50": 12.5, "p95": 20.0, "p99": 31.2, "max": 40.0}, "curveMs": CURVE}},
                   "notAnswered2xx": {}}],
                 "rebuild": {"tasks": 10000, "tasksAfter": 10000, "events": 25000, "replaySeconds": 70.0, "eventsPerSecond": 357,
                   "serviceStartSeconds": 12.0, "eventsPerSecondAfterStart": 431, "totalSeconds": 75.5},
                 "spreadsheets": {"import": {"description": "import of a 2,000-row list in one request (registration)", "rows": 2000,
                     "bytes": 120000, "seconds": 40.0, "rowsPerSecond": 50, "rssBeforeMiB": 300, "rssPeakMiB": 350},
                   "exports": [{"description": "ledger export (.xlsx) at 10,000 tasks (query)", "rows": 10000, "bytes": 900000,
                     "seconds": 3.5, "rowsPerSecond": 2857, "rssBeforeMiB": 280, "rssPeakMiB": 330}]},
                 "charts": {"throughput": "r-throughput.svg", "latency-mixed": "r-latency-mixed.svg"},
                 "footprint": {"stackReadySeconds": 32.0, "startSeconds": {"query": 20.5},
                   "rssIdleMiB": {"query": 256.0}, "rssPeakUnderLoadMiB": {"query": 309.0}},
                 "notMeasuredYet": []}
                """.replace("CURVE", CURVE));
    }

    @Test
    void theMarkdownLeadsWithTheRatioAndHasARowPerConcurrency() throws Exception {
        String markdown = BenchReport.markdown(sample());

        assertThat(markdown).contains("**Ratio to the raw-insert ceiling: 0.074** (114.8 commands/s against 1,560.2");
        assertThat(markdown).contains("| 8 | 60.4 | 1,772.9 | 0.034 | 127.0 | 217.9 | 383.4 | 420.3 | 23.77 | 0 |");
        assertThat(markdown).contains("| 64 | 114.8 | 1,560.2 | 0.074 |").contains("{\"registration 500\":2}");
        assertThat(markdown).contains("| query | 20.5 | 256.0 | 309.0 |");
        assertThat(markdown).contains("PostgreSQL 17.11, Kafka 4.1.2, Quarkus 3.33.2, Axon 4.13.0");
        assertThat(markdown).doesNotContain("Not measured by this version");
    }

    @Test
    void theCpuOfACommandIsShownPerProcessAndInAll() throws Exception {
        String markdown = BenchReport.markdown(sample());

        assertThat(markdown).contains("| callers | registration | postgresql | all | JIT |");
        // the JIT share is of the Java processes' CPU: PostgreSQL compiles nothing
        assertThat(markdown).contains("| 8 | 9.93 (0.60) | 8.28 (0.50) | **18.21** (1.10) | 25 % |");
        assertThat(markdown).contains("| 64 | 7.84 (0.90) | 6.10 (0.70) | **13.94** (1.60) | 10 % |");
        assertThat(markdown).contains("| 64 | 7.84 (0.90) | 6.10 (0.70) | **13.94** (1.60) |");
    }

    @Test
    void eachWorkloadHasItsSectionWithItsFigures() throws Exception {
        String markdown = BenchReport.markdown(sample());

        assertThat(markdown).contains("## A mixed day (workload 2)").contains("**150.5 operations/s**")
                .contains("| file (requester unit, POST /api/tasks) | 10 | 10.0 | 301 | 60.0 | 150.0 | 300.0 | 410.0 |")
                .contains("PROGRESS 409 (progress service had not learned the claim yet)");
        assertThat(markdown).contains("## Propagation to the query API (workload 3)").contains("57.4 commands/s (half the best 114.8 of workload 1), answered 57.2/s (1,144 commands; 0 due")
                .contains("| registration → ASSIGNED notification (SSE) | 30 | 30.0 | 80.0 | 150.0 | 150.0 |")
                .contains("| **all probe steps** | 120 | 35.0 | 90.0 | **160.5** | 200.0 |");
        assertThat(markdown).contains("## Leaders' queries at N tasks (workload 4)").contains("Filled through the list import.")
                .contains("| 10,000 | 7,000 | 50.0 | 70.0 | **100.0** | 6,900, 2,500, 20.5 | 4,900 |")
                .contains("| 10,000 | overdue list, page of 100 | 200 | 100 | 12.5 | 20.0 | **31.2** | 40.0 |");
        assertThat(markdown).contains("## Rebuild of the query read model (workload 5)").contains("**25,000 events in 70.0 s, 357 events/s**");
        assertThat(markdown).contains("## Spreadsheets (workload 7)")
                .contains("| import of a 2,000-row list in one request (registration) | 2,000 | 120,000 | 40.0 | 50 | 300 | 350 |")
                .contains("| ledger export (.xlsx) at 10,000 tasks (query) | 10,000 | 900,000 | 3.5 | 2,857 | 280 | 330 |");
        assertThat(markdown).contains("![Throughput against concurrency](r-throughput.svg)")
                .contains("![Mixed day: latency distribution per operation](r-latency-mixed.svg)");
    }

    @Test
    void aRunWithoutWorkloadOneSaysSoAndListsWhatItLeftOut() throws Exception {
        ObjectNode report = sample();
        report.putNull("ratioToCeiling");
        report.putArray("commandsAgainstCeiling");
        report.remove("mixedDay");
        report.putArray("notMeasuredYet").add("mixed (left out by --workloads)");

        String markdown = BenchReport.markdown(report);

        assertThat(markdown).contains("**Ratio to the raw-insert ceiling: not measured**").doesNotContain("## Filing and registering")
                .doesNotContain("## A mixed day").contains("Not measured by this version of the benchmark yet: mixed (left out by --workloads).");
    }

    @Test
    void chartsAreDrawnForEveryWorkloadWithADistribution() throws Exception {
        Map<String, String> charts = BenchReport.charts(sample(), "r");

        assertThat(charts.keySet()).containsExactly("r-throughput.svg", "r-p99.svg", "r-latency-commands.svg", "r-latency-mixed.svg",
                "r-latency-propagation.svg", "r-latency-queries.svg");
        assertThat(charts.get("r-latency-mixed.svg")).contains(">FILE</text>").doesNotContain(">STATS</text>");
        assertThat(charts.get("r-latency-queries.svg")).contains("OVERDUE @10,000");
        assertThat(charts.get("r-throughput.svg")).startsWith("<svg").contains("points=\"70.0,");
    }
}
