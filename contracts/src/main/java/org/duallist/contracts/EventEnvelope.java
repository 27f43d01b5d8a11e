package org.duallist.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * A domain event with the CloudEvents context attributes it carries across Kafka.
 *
 * @param id       unique per event (the event store's identifier), so consumers can tell duplicates
 * @param type     the logical type name from {@link EventTypes}
 * @param source   the producing service, e.g. {@code /dual-list/registration}
 * @param subject  the task id; also the Kafka record key
 * @param time     when the event happened
 * @param sequence the position of the event in its task's stream within the producing service
 *                 (0, 1, 2 …), which lets consumers apply every event once
 * @param data     the event record
 */
public record EventEnvelope(String id, EventType type, String source, String subject, Instant time,
                            long sequence, Object data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        if (!type.payloadType().isInstance(data)) {
            throw new IllegalArgumentException(type.name() + " does not carry " + data.getClass().getName());
        }
    }
}
