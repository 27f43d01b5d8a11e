package org.duallist.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Kafka's own client metrics (records-lag-max, fetch and send rates …) of one consumer or producer on
 * the service's registry, until {@link #close()}. Kafka creates some of them only after the first
 * assignment or send: they are looked for again every {@link #REFRESH}. Each binding has its own
 * scheduler thread, stopped on close: Micrometer leaves a scheduler it was given running.
 */
public final class KafkaClientMetricsBinding implements AutoCloseable {

    static final Duration REFRESH = Duration.ofSeconds(10);

    private final ScheduledExecutorService scheduler;
    private final KafkaClientMetrics metrics;

    private KafkaClientMetricsBinding(ScheduledExecutorService scheduler, KafkaClientMetrics metrics, MeterRegistry registry) {
        this.scheduler = scheduler;
        this.metrics = metrics;
        metrics.bindTo(registry);
    }

    public static KafkaClientMetricsBinding of(Consumer<?, ?> consumer, String group, MeterRegistry registry) {
        ScheduledExecutorService scheduler = scheduler("dual-list-kafka-consumer-metrics");
        return new KafkaClientMetricsBinding(scheduler,
                new KafkaClientMetrics(consumer, List.of(Tag.of("group", group)), scheduler, REFRESH), registry);
    }

    public static KafkaClientMetricsBinding of(Producer<?, ?> producer, MeterRegistry registry) {
        ScheduledExecutorService scheduler = scheduler("dual-list-kafka-producer-metrics");
        return new KafkaClientMetricsBinding(scheduler, new KafkaClientMetrics(producer, List.of(), scheduler, REFRESH), registry);
    }

    private static ScheduledExecutorService scheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        metrics.close();
    }
}
