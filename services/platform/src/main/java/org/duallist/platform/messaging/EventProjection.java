package org.duallist.platform.messaging;

import java.util.List;
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

    /**
     * Called in the same transaction before a poll's events are applied one by one, with those of
     * them this projection will be given (not applied before, of its topics, in order): a chance to
     * load in one query what each event would otherwise look up by itself. Changes nothing.
     */
    default void prepare(List<EventEnvelope> events) {
    }
}
