package org.duallist.platform.axon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.duallist.contracts.EventType;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.PayloadUpcaster;

/**
 * Brings every event an event store holds at an earlier revision of its contract type to the
 * current record, with the contracts' own {@link PayloadUpcaster}s (the same steps the Kafka
 * consumers apply), so that aggregates re-sourced from their streams and the publishing processor
 * see current records only. A stored revision newer than this build's (a service rolled back past a
 * revision it had already written) fails the read with an
 * {@link org.duallist.contracts.UnsupportedRevisionException} instead of filling the wrong fields.
 */
public final class ContractRevisionUpcaster extends SingleEventUpcaster {

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        SerializedType stored = event.getType();
        return EventTypes.byPayloadTypeName(stored.getName())
                .filter(type -> !Integer.toString(type.revision()).equals(stored.getRevision()))
                .isPresent();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        SerializedType stored = event.getType();
        EventType type = EventTypes.byPayloadTypeName(stored.getName()).orElseThrow();
        int revision = revisionOf(stored, type);
        type.requireReadable(revision);
        return event.upcastPayload(new SimpleSerializedType(stored.getName(), Integer.toString(type.revision())),
                ObjectNode.class, payload -> type.upcast(revision, payload));
    }

    private static int revisionOf(SerializedType stored, EventType type) {
        try {
            return Integer.parseInt(stored.getRevision());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("event " + stored.getName() + " is stored with revision '"
                    + stored.getRevision() + "', which names no revision of " + type.name(), e);
        }
    }
}
