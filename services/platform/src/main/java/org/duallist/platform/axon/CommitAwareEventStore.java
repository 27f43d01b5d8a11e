package org.duallist.platform.axon;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, which can also be told that a transaction holding new events has
 * committed. Axon wakes the store's tailing processors (the Kafka publisher) when its unit of work
 * commits; when the unit of work joined a transaction of the caller (a command sent with an
 * Idempotency-Key runs in the request's transaction), that moment comes before the events are
 * committed, the processors find nothing new and sleep until the store's next fetch, a second later.
 * {@link JtaTransactionManager} calls {@link #eventsCommitted()} once the joined transaction has
 * committed.
 */
public class CommitAwareEventStore extends EmbeddedEventStore {

    public CommitAwareEventStore(Builder builder) {
        super(builder);
    }

    /** Tells the processors waiting for events to look for them now. */
    public void eventsCommitted() {
        afterCommit(List.of());
    }
}
