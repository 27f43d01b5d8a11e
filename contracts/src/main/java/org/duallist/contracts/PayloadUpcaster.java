package org.duallist.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One step in the evolution of an event type's payload: turns the JSON of revision
 * {@link #fromRevision()} into the JSON of the next revision. Each step is written once, here, and
 * every path that reads a stored or sent event applies it: the event stores through an Axon upcaster
 * (the platform's {@code ContractRevisionUpcaster}) and the Kafka consumers through
 * {@link CloudEventsKafkaBinding#decode}. It works on the JSON tree because the record class of an
 * earlier revision no longer exists.
 *
 * <p>A step may only reshape what the old revision said or derive a value from it; a change that
 * needs facts the old events do not hold is a new event type, not a new revision.
 */
public interface PayloadUpcaster {

    /** The revision this step reads; it writes the one after it. */
    int fromRevision();

    /** @param payload a copy of the payload at {@link #fromRevision()}, which the step may change and return */
    ObjectNode upcast(ObjectNode payload);
}
