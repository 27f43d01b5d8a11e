package org.duallist.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.duallist.contracts.CloudEventsKafkaBinding;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventJson;
import org.duallist.contracts.TaskFiledEvent;

/**
 * Events as builds of an earlier revision wrote them, to store or send them as such and show that
 * they are still read as the current records. Each shape is spelled out here by hand, as it was, and
 * never derived from the contracts' upcasters, which are what the tests check.
 */
public final class EarlierRevisions {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final CloudEventsKafkaBinding BINDING = new CloudEventsKafkaBinding();

    private EarlierRevisions() {
    }

    /** {@link TaskFiledEvent} at revision 1: the contact as the two loose fields {@code contactName} and {@code contactPhone}. */
    public static ObjectNode taskFiledAtRevisionOne(TaskFiledEvent event) {
        ObjectNode json = JSON.createObjectNode();
        json.put("taskId", event.taskId().toString());
        json.put("list", event.list().name());
        json.put("regionCode", event.regionCode());
        json.put("year", event.year());
        json.put("title", event.title());
        json.put("content", event.content());
        json.put("category", event.category().name());
        json.put("requesterUnit", event.requesterUnit());
        json.put("contactName", event.contact().name());
        json.put("contactPhone", event.contact().phone());
        json.put("filedAt", event.filedAt().toString());
        json.set("actor", JSON.valueToTree(event.actor()));
        return json;
    }

    /** The record headers a build before revisions were named on the wire sent: no {@code ce_dataschema}. */
    public static Map<String, String> headersBeforeDataSchema(EventEnvelope envelope) {
        Map<String, String> headers = new LinkedHashMap<>(BINDING.headers(envelope));
        headers.remove(CloudEventsKafkaBinding.HEADER_DATA_SCHEMA);
        return headers;
    }
}
