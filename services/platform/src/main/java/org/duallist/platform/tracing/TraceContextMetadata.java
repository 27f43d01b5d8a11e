package org.duallist.platform.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;

/**
 * Stores the trace context of the work that produces an event (a REST command's server span, or the
 * span of a consumer that sent a command) with the event in the event store, as the W3C
 * {@code traceparent} and {@code tracestate} entries of the event's metadata. The event-store publisher
 * reads them back ({@link #storedContext}), so that its "publish" span, and through Kafka each
 * projection's "apply" span, continue the command's trace although they run later, on other threads.
 * An event stored without an active span (start-up, a rebuild, before tracing) carries no entries.
 */
public final class TraceContextMetadata implements MessageDispatchInterceptor<EventMessage<?>> {

    /** W3C Trace Context only: the CloudEvents distributed-tracing extension defines nothing else. */
    static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<MetaData> METADATA = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(MetaData metaData) {
            return metaData.keySet();
        }

        @Override
        public String get(MetaData metaData, String key) {
            Object value = metaData == null ? null : metaData.get(key);
            return value == null ? null : value.toString();
        }
    };

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        Map<String, String> current = new HashMap<>(2);
        W3C.inject(Context.current(), current, Map::put);
        if (current.isEmpty()) {
            return (index, event) -> event;
        }
        return (index, event) -> event.andMetaData(current);
    }

    /** The trace context stored with an event, or the root context when it carries none. */
    public static Context storedContext(MetaData metaData) {
        return W3C.extract(Context.root(), metaData, METADATA);
    }
}
