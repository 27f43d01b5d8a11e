package org.duallist.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    @Test
    void theMarkdownLeadsWithTheRatioAndHasARowPerConcurrency() throws Exception {
        ObjectNode report = (ObjectNode) new ObjectMapper().readTree("""
                {"ratioToCeiling": 0.074, "bestConcurrency": 64, "commandsPerSecondAtBest": 114.8, "ceilingTpsAtBest": 1560.2,
                 "time": "2026-11-30T15:37:48Z", "quick": true, "seed": 7,
                 "machine": {"cores": 2, "memoryGiB": 23.5, "cpu": "AMD EPYC", "os": "Linux", "java": "OpenJDK 17"},
                 "versions": {"postgresql": "17.11", "kafka": "4.1.2", "quarkus": "3.33.2", "axon": "4.13.0"},
                 "settings": {"measureSeconds": 5, "eventBytes": 585},
                 "commandsAgainstCeiling": [
                   {"concurrency": 8, "commandsPerSecond": 60.4, "ceilingTps": 1772.9, "ratio": 0.034,
                    "latencyMs": {"p50": 127.0, "p95": 217.9, "p99": 383.4, "max": 420.3}, "ceilingLatencyMs": {"p99": 23.77},
                    "notAnswered2xx": {}},
                   {"concurrency": 64, "commandsPerSecond": 114.8, "ceilingTps": 1560.2, "ratio": 0.074,
                    "latencyMs": {"p50": 519.9, "p95": 930.6, "p99": 1048.4, "max": 1127.2}, "ceilingLatencyMs": {"p99": 185.04},
                    "notAnswered2xx": {"registration 500": 2}}],
                 "footprint": {"stackReadySeconds": 32.0, "startSeconds": {"query": 20.5},
                   "rssIdleMiB": {"query": 256.0}, "rssPeakUnderLoadMiB": {"query": 309.0}},
                 "notMeasuredYet": ["charts"]}
                """);

        String markdown = BenchCommand.markdown(report);

        assertThat(markdown).contains("**Ratio to the raw-insert ceiling: 0.074** (114.8 commands/s against 1,560.2");
        assertThat(markdown).contains("| 8 | 60.4 | 1,772.9 | 0.034 | 127.0 | 217.9 | 383.4 | 420.3 | 23.77 | 0 |");
        assertThat(markdown).contains("| 64 | 114.8 | 1,560.2 | 0.074 |").contains("{\"registration 500\":2}");
        assertThat(markdown).contains("| query | 20.5 | 256.0 | 309.0 |");
        assertThat(markdown).contains("PostgreSQL 17.11, Kafka 4.1.2, Quarkus 3.33.2, Axon 4.13.0");
        assertThat(markdown).contains("Not measured by this version of the benchmark yet: charts.");
    }
}
