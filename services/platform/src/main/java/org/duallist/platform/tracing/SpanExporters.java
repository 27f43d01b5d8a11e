package org.duallist.platform.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Where finished spans go besides an OTLP collector. Quarkus sends spans to its OTLP exporter only while
 * no {@link SpanExporter} bean is active, and that exporter, with no endpoint configured, tries
 * {@code localhost:4317} and logs a failure for every batch. So:
 * <ul>
 *   <li>with no OTLP endpoint configured ({@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT} and
 *   {@code QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} unset, i.e. Quarkus's default), spans are
 *   {@link Discarded}: nothing needs a collector or the network, and trace ids still reach the logs;</li>
 *   <li>with {@code dual-list.traces.log=true} ({@code DUAL_LIST_TRACES_LOG=true}) every span is also one
 *   log line ({@link Logged}), which is how the local stack shows a trace (README "Traces and logs").
 *   Being an exporter bean, it takes the place of OTLP.</li>
 * </ul>
 */
public final class SpanExporters {

    /**
     * Quarkus's endpoint when none is configured (its configuration answers it as the value of the
     * properties below). A collector on this machine is given as {@code http://127.0.0.1:4317}.
     */
    static final String UNCONFIGURED_OTLP_ENDPOINT = "http://localhost:4317/";
    static final String OTLP_ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
    static final String OTLP_TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";
    public static final String LOG = "dual-list.traces.log";

    private SpanExporters() {
    }

    @ApplicationScoped
    @Unremovable
    @LookupIfProperty(name = OTLP_ENDPOINT, stringValue = UNCONFIGURED_OTLP_ENDPOINT)
    @LookupIfProperty(name = OTLP_TRACES_ENDPOINT, stringValue = UNCONFIGURED_OTLP_ENDPOINT)
    public static class Discarded implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    @ApplicationScoped
    @Unremovable
    @LookupIfProperty(name = LOG, stringValue = "true")
    public static class Logged implements SpanExporter {
        private static final Logger SPANS = Logger.getLogger("org.duallist.spans");

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            for (SpanData span : spans) {
                String parent = span.getParentSpanContext().isValid() ? span.getParentSpanId() : "-";
                String task = span.getAttributes().get(EventSpans.TASK_ID);
                SPANS.infof("span \"%s\" %s trace=%s span=%s parent=%s task=%s %.1f ms",
                        span.getName(), span.getKind(), span.getTraceId(), span.getSpanId(), parent,
                        task == null ? "-" : task,
                        TimeUnit.NANOSECONDS.toMicros(span.getEndEpochNanos() - span.getStartEpochNanos()) / 1000.0);
            }
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
