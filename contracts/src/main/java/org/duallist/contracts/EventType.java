package org.duallist.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One kind of event on the wire: its logical CloudEvents type (never a class name), the record
 * that carries it, the topic it travels on, and the steps that bring a payload of an earlier
 * revision to the record's current one.
 *
 * <p>The version in the name ({@code .v1}) is the version of the fact the event states: it changes
 * only when the meaning changes, and then the event is a new type. The revision is the shape of its
 * payload within that name: it starts at 1 and goes up by one with each {@link PayloadUpcaster},
 * so that every earlier payload can be read as the current record. The record's Axon
 * {@code @Revision} must say the same number (a contracts test holds them together).
 *
 * @param upcasters one step per revision before the current one, in order: the first reads revision 1
 */
public record EventType(String name, Class<?> payloadType, String topic, List<PayloadUpcaster> upcasters) {

    public EventType {
        upcasters = List.copyOf(upcasters);
        for (int i = 0; i < upcasters.size(); i++) {
            if (upcasters.get(i).fromRevision() != i + 1) {
                throw new IllegalArgumentException(name + ": upcaster " + (i + 1) + " must read revision " + (i + 1)
                        + ", not " + upcasters.get(i).fromRevision());
            }
        }
    }

    /** A type still at its first revision. */
    public EventType(String name, Class<?> payloadType, String topic) {
        this(name, payloadType, topic, List.of());
    }

    /** The revision of the payload this build writes. */
    public int revision() {
        return upcasters.size() + 1;
    }

    /** @throws UnsupportedRevisionException when this build cannot read {@code revision}: newer than its own, or below 1 */
    public void requireReadable(int revision) {
        if (revision < 1 || revision > revision()) {
            throw new UnsupportedRevisionException(this, revision);
        }
    }

    /**
     * The payload of an event written at {@code revision}, brought to {@link #revision()}; the
     * argument is left as it was.
     *
     * @throws UnsupportedRevisionException when {@code revision} is newer than this build's or below 1
     */
    public ObjectNode upcast(int revision, ObjectNode payload) {
        requireReadable(revision);
        ObjectNode upcast = payload.deepCopy();
        for (PayloadUpcaster step : upcasters.subList(revision - 1, upcasters.size())) {
            upcast = step.upcast(upcast);
        }
        return upcast;
    }
}
