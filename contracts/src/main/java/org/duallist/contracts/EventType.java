package org.duallist.contracts;

/**
 * One kind of event on the wire: its logical CloudEvents type (never a class name), the record
 * that carries it and the topic it travels on.
 */
public record EventType(String name, Class<?> payloadType, String topic) {
}
