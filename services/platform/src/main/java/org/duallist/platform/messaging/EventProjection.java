package org.duallist.platform.messaging;

import java.util.Set;
import org.duallist.contracts.EventEnvelope;

/**
 * A read model fed from Kafka. The consumer calls {@link #apply} inside the database transaction
 * that also records the event as applied, once per event, in each task's order.
 */
public interface EventProjection {

    /** The topics this projection reads. */
    Set<String> topics();

    void apply(EventEnvelope event);
}
