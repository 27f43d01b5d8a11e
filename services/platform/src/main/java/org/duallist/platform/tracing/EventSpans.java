package org.duallist.platform.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.axonframework.messaging.MetaData;
import org.duallist.contracts.CloudEventsKafkaBinding;
import org.duallist.contracts.EventType;

/**
 * The spans of an event's way from the event store through Kafka to the projections, one trace with
 * the command that stored it: "publish &lt;type&gt;" (producer) in the event-store publisher, a child of the
 * trace context stored with the event; "apply &lt;type&gt;" (consumer) in each service that applies it, a
 * child of the publish span, whose context travels in the record's {@code ce_traceparent} and
 * {@code ce_tracestate} headers (the CloudEvents distributed-tracing extension, see
 * {@link CloudEventsKafkaBinding#HEADER_TRACEPARENT}).
 */
@ApplicationScoped
public class EventSpans {

    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> MESSAGING_OPERATION = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
    static final AttributeKey<Long> PARTITION = AttributeKey.longKey("messaging.destination.partition.id");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    public static final AttributeKey<String> TASK_ID = AttributeKey.stringKey("dual_list.task.id");

    private static final TextMapSetter<Headers> KAFKA_HEADERS_SETTER = (headers, key, value) -> {
        String name = CloudEventsKafkaBinding.extensionHeader(key);
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    };

    private static final TextMapGetter<Headers> KAFKA_HEADERS_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            for (Header header : headers) {
                if (header.key().startsWith(CloudEventsKafkaBinding.extensionHeader(""))) {
                    keys.add(header.key().substring(CloudEventsKafkaBinding.extensionHeader("").length()));
                }
            }
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            if (headers == null) {
                return null;
            }
            Header header = headers.lastHeader(CloudEventsKafkaBinding.extensionHeader(key));
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final Tracer tracer;

    EventSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * Starts the span in which the publisher sends a stored event, and writes its context into the
     * record's headers. The caller ends it ({@link EventSpan#close}).
     */
    public EventSpan publishing(EventType type, String taskId, String eventId, MetaData stored, Headers headers) {
        Span span = tracer.spanBuilder("publish " + type.name())
                .setParent(TraceContextMetadata.storedContext(stored))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(MESSAGING_OPERATION, "send")
                .setAttribute(DESTINATION, type.topic())
                .setAttribute(MESSAGE_ID, eventId)
                .setAttribute(TASK_ID, taskId)
                .startSpan();
        EventSpan started = new EventSpan(span, taskId);
        TraceContextMetadata.W3C.inject(Context.current(), headers, KAFKA_HEADERS_SETTER);
        return started;
    }

    /**
     * Starts the span in which a consumer applies an event, a child of the span that published it when
     * the record carries {@code ce_traceparent}. The caller ends it ({@link EventSpan#close}).
     */
    public EventSpan applying(EventType type, String taskId, String eventId, String topic, int partition, long offset,
                              String group, Headers headers) {
        Context published = TraceContextMetadata.W3C.extract(Context.root(), headers, KAFKA_HEADERS_GETTER);
        Span span = tracer.spanBuilder("apply " + type.name())
                .setParent(published)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(MESSAGING_OPERATION, "process")
                .setAttribute(DESTINATION, topic)
                .setAttribute(PARTITION, (long) partition)
                .setAttribute(OFFSET, offset)
                .setAttribute(CONSUMER_GROUP, group)
                .setAttribute(MESSAGE_ID, eventId)
                .setAttribute(TASK_ID, taskId)
                .startSpan();
        return new EventSpan(span, taskId);
    }

    /**
     * A started span, current on this thread together with its task in the logging context until closed.
     */
    public static final class EventSpan implements AutoCloseable {
        private final Span span;
        private final Scope scope;
        private final TaskLogContext task;

        private EventSpan(Span span, String taskId) {
            this.span = span;
            this.scope = span.makeCurrent();
            this.task = TaskLogContext.of(taskId);
        }

        /** Marks the span failed; the failure goes on to the caller. */
        public RuntimeException failed(RuntimeException failure) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
            return failure;
        }

        @Override
        public void close() {
            task.close();
            scope.close();
            span.end();
        }
    }
}
