package org.duallist.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The CloudEvents Kafka protocol binding in binary mode: context attributes travel as {@code ce_*}
 * headers, the event record as the JSON record value, and the task id as the record key.
 * Kept free of Kafka classes, so that the wire format is defined here once and tested on its own.
 *
 * <p>The payload's revision travels as the CloudEvents {@code dataschema} attribute
 * ({@code ce_dataschema}), a URN naming the type and the revision, e.g.
 * {@code urn:dual-list:schema:dual-list.task.filed.v1:2}. A record without it was sent before the
 * binding named revisions, when every type was at revision 1. On reading, a payload of an earlier
 * revision is brought to the current record by the type's {@link PayloadUpcaster}s, so consumers only
 * ever see current records; a revision newer than this build's is refused with an
 * {@link UnsupportedRevisionException}, never read into the wrong shape or passed over.
 */
public final class CloudEventsKafkaBinding {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    private static final String DATA_SCHEMA_PREFIX = "urn:dual-list:schema:";
    private static final Pattern REVISION = Pattern.compile("[1-9][0-9]{0,8}");

    public static final String HEADER_SPEC_VERSION = "ce_specversion";
    public static final String HEADER_ID = "ce_id";
    public static final String HEADER_TYPE = "ce_type";
    public static final String HEADER_SOURCE = "ce_source";
    public static final String HEADER_SUBJECT = "ce_subject";
    public static final String HEADER_TIME = "ce_time";
    /** The CloudEvents "sequence" extension: the event's position in its task's stream. */
    public static final String HEADER_SEQUENCE = "ce_sequence";
    /** The CloudEvents "dataschema" attribute: which revision of the type's payload the value is. */
    public static final String HEADER_DATA_SCHEMA = "ce_dataschema";
    public static final String HEADER_CONTENT_TYPE = "content-type";
    /**
     * The CloudEvents "distributed tracing" extension: the W3C {@code traceparent} of the span that
     * published the event, so that the consumer's work joins the trace of the command that caused it.
     * Optional: a record without it (sent before tracing, or by a producer that does not trace) is read
     * the same, and its consumer starts a trace of its own.
     */
    public static final String HEADER_TRACEPARENT = extensionHeader("traceparent");
    /** The CloudEvents "distributed tracing" extension: the W3C {@code tracestate} that goes with the traceparent. */
    public static final String HEADER_TRACESTATE = extensionHeader("tracestate");

    private final ObjectMapper mapper;

    /** The Kafka header of a CloudEvents attribute in binary mode: {@code ce_} and the attribute's name. */
    public static String extensionHeader(String attribute) {
        return "ce_" + attribute;
    }

    public CloudEventsKafkaBinding() {
        this(EventJson.newMapper());
    }

    public CloudEventsKafkaBinding(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String key(EventEnvelope envelope) {
        return envelope.subject();
    }

    public Map<String, String> headers(EventEnvelope envelope) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HEADER_SPEC_VERSION, SPEC_VERSION);
        headers.put(HEADER_ID, envelope.id());
        headers.put(HEADER_TYPE, envelope.type().name());
        headers.put(HEADER_SOURCE, envelope.source());
        headers.put(HEADER_SUBJECT, envelope.subject());
        headers.put(HEADER_TIME, envelope.time().toString());
        headers.put(HEADER_SEQUENCE, Long.toString(envelope.sequence()));
        headers.put(HEADER_DATA_SCHEMA, dataSchema(envelope.type(), envelope.type().revision()));
        headers.put(HEADER_CONTENT_TYPE, CONTENT_TYPE);
        return headers;
    }

    public byte[] value(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsBytes(envelope.data());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + envelope.type().name() + " as JSON", e);
        }
    }

    /** The {@code dataschema} URI of a type's payload at a revision. */
    public static String dataSchema(EventType type, int revision) {
        return DATA_SCHEMA_PREFIX + type.name() + ":" + revision;
    }

    /**
     * Reads one record, its payload brought to the current revision of its type. An event type this
     * build does not know is not an error (a newer producer may add types): it yields an empty
     * result, and the consumer passes over it.
     *
     * @throws MalformedEventException when the record claims a known type but breaks the binding
     * @throws UnsupportedRevisionException when its payload is at a revision newer than this build's
     */
    public Optional<EventEnvelope> decode(Map<String, String> headers, byte[] value) {
        String typeName = headers.get(HEADER_TYPE);
        if (typeName == null) {
            throw new MalformedEventException("missing " + HEADER_TYPE);
        }
        Optional<EventType> type = EventTypes.byName(typeName);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        if (!SPEC_VERSION.equals(headers.get(HEADER_SPEC_VERSION))) {
            throw new MalformedEventException("unsupported " + HEADER_SPEC_VERSION + ": " + headers.get(HEADER_SPEC_VERSION));
        }
        int revision = revisionOf(headers.get(HEADER_DATA_SCHEMA), type.get());
        try {
            Object data = payload(type.get(), revision, value);
            return Optional.of(new EventEnvelope(
                    required(headers, HEADER_ID),
                    type.get(),
                    required(headers, HEADER_SOURCE),
                    required(headers, HEADER_SUBJECT),
                    Instant.parse(required(headers, HEADER_TIME)),
                    Long.parseLong(required(headers, HEADER_SEQUENCE)),
                    data));
        } catch (IOException | DateTimeParseException | NumberFormatException e) {
            throw new MalformedEventException("cannot read " + typeName + ": " + e.getMessage(), e);
        }
    }

    private Object payload(EventType type, int revision, byte[] value) throws IOException {
        if (revision == type.revision()) {
            return mapper.readValue(value, type.payloadType());
        }
        JsonNode tree = mapper.readTree(value);
        if (!(tree instanceof ObjectNode payload)) {
            throw new MalformedEventException("the value of " + type.name() + " is not a JSON object");
        }
        return mapper.treeToValue(type.upcast(revision, payload), type.payloadType());
    }

    private static int revisionOf(String dataSchema, EventType type) {
        if (dataSchema == null) {
            return 1;
        }
        String prefix = DATA_SCHEMA_PREFIX + type.name() + ":";
        String revision = dataSchema.startsWith(prefix) ? dataSchema.substring(prefix.length()) : "";
        if (!REVISION.matcher(revision).matches()) {
            throw new MalformedEventException(HEADER_DATA_SCHEMA + " " + dataSchema + " does not name a revision of "
                    + type.name() + " (" + dataSchema(type, type.revision()) + " is the current one)");
        }
        return Integer.parseInt(revision);
    }

    private static String required(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("missing " + name);
        }
        return value;
    }

    /** A record that does not follow the binding. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }

        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
