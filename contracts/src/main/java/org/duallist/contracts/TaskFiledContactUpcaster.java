package org.duallist.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * {@link TaskFiledEvent} revision 1 → 2: the loose {@code contactName} and {@code contactPhone}
 * become one {@code contact} with {@code name} and {@code phone}, in the place the two fields held.
 */
final class TaskFiledContactUpcaster implements PayloadUpcaster {

    private static final String OLD_NAME = "contactName";
    private static final String OLD_PHONE = "contactPhone";
    private static final String CONTACT = "contact";

    @Override
    public int fromRevision() {
        return 1;
    }

    @Override
    public ObjectNode upcast(ObjectNode payload) {
        ObjectNode contact = payload.objectNode();
        contact.set("name", valueOrNull(payload, OLD_NAME));
        contact.set("phone", valueOrNull(payload, OLD_PHONE));

        ObjectNode upcast = payload.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = payload.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case OLD_NAME -> upcast.set(CONTACT, contact);
                case OLD_PHONE -> {
                    // carried in contact
                }
                default -> upcast.set(field.getKey(), field.getValue());
            }
        }
        if (!upcast.has(CONTACT)) {
            upcast.set(CONTACT, contact);
        }
        return upcast;
    }

    private static JsonNode valueOrNull(ObjectNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null ? NullNode.getInstance() : value;
    }
}
