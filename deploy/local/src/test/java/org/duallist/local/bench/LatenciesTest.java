package org.duallist.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreRanksOfTheRecordedLatencies() {
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            latencies.record(ms * 1_000_000L);
        }
        Latencies.Summary summary = latencies.summary();
        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isEqualTo(50.0);
        assertThat(summary.p95()).isEqualTo(95.0);
        assertThat(summary.p99()).isEqualTo(99.0);
        assertThat(summary.max()).isEqualTo(100.0);
    }

    @Test
    void nothingRecordedIsAllZero() {
        assertThat(new Latencies().summary()).isEqualTo(new Latencies.Summary(0, 0, 0, 0, 0));
    }

    @Test
    void theCurveIsTheLatencyAtEachRankAndAddAllMergesMeasurements() {
        Latencies low = new Latencies();
        Latencies high = new Latencies();
        for (int ms = 1; ms <= 500; ms++) {
            low.record(ms * 1_000_000L);
            high.record((500 + ms) * 1_000_000L);
        }
        Latencies all = new Latencies();
        all.addAll(low);
        all.addAll(high);

        assertThat(Latencies.CURVE_RANKS).containsExactly(1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9, 100);
        assertThat(all.curve()).containsExactly(10, 50, 100, 250, 500, 750, 900, 950, 990, 999, 1000);
        assertThat(all.summary().count()).isEqualTo(1000);
        assertThat(low.summary().count()).isEqualTo(500);
    }
}
