package org.duallist.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapedMetricsTest {

    private final ScrapedMetrics metrics = new ScrapedMetrics("""
            # TYPE kafka_consumer_fetch_manager_records_lag_max gauge
            kafka_consumer_fetch_manager_records_lag_max{client_id="consumer-1",group="dual-list.registration"} NaN
            dual_list_projection_events_applied_total{group="g",topic="a"} 3.0
            dual_list_projection_events_applied_total{group="g",topic="b"} 4.0 # {trace_id="abc"} 1.0 1700000000.000
            """);

    @Test
    void aSampleWhoseValueIsNotANumberIsPresent() {
        // Kafka's maxima are NaN while their window holds nothing: the metric is exported all the same
        assertThat(metrics.has("kafka_consumer_fetch_manager_records_lag_max", Map.of("group", "dual-list.registration"))).isTrue();
        assertThat(metrics.value("kafka_consumer_fetch_manager_records_lag_max", Map.of())).isNaN();
        assertThat(metrics.has("kafka_consumer_fetch_manager_records_lag_max", Map.of("group", "dual-list.query"))).isFalse();
    }

    @Test
    void samplesWithTheLabelsAreSummedAndAnAbsentOneCountsAsNothing() {
        assertThat(metrics.value("dual_list_projection_events_applied_total", Map.of("group", "g"))).isEqualTo(7.0);
        assertThat(metrics.value("dual_list_projection_events_applied_total", Map.of("topic", "b"))).isEqualTo(4.0);
        assertThat(metrics.has("dual_list_missing_total", Map.of())).isFalse();
        assertThat(metrics.count("dual_list_missing_total", Map.of())).isZero();
    }
}
