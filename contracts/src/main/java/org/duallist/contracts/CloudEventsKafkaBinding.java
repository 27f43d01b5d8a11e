package org.duallist.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CloudEvents Kafka protocol binding in binary mode: context attributes travel as {@code ce_*}
 * headers, the event record as the JSON record value, and the task id as the record key.
 * Kept free of Kafka classes, so that the wire format is defined here once and tested on its own.
 */
public final class CloudEventsKafkaBinding {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public static final String HEADER_SPEC_VERSION = "ce_specversion";
    public static final String HEADER_ID = "ce_id";
    public static final String HEADER_TYPE = "ce_type";
    public static final String HEADER_SOURCE = "ce_source";
    public static final String HEADER_SUBJECT = "ce_subject";
    public static final String HEADER_TIME = "ce_time";
    /** The CloudEvents "sequence" extension: the event's position in its task's stream. */
    public static final String HEADER_SEQUENCE = "ce_sequence";
    public static final String HEADER_CONTENT_TYPE = "content-type";

    private final ObjectMapper mapper;

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

    /**
     * Reads one record. An event type this build does not know is not an error (a newer producer
     * may add types): it yields an empty result, and the consumer passes over it.
     *
     * @throws MalformedEventException when the record claims a known type but breaks the binding
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
        try {
            Object data = mapper.readValue(value, type.get().payloadType());
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
