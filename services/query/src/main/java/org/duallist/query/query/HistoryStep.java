package org.duallist.query.query;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.duallist.contracts.EventJson;
import org.duallist.contracts.EventType;
import org.duallist.contracts.EventTypes;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A step of a task's history as the API answers it. */
public record HistoryStep(
        long sequence,
        String source,
        String type,
        String label,
        Instant occurredAt,
        String actorUser,
        String actorRole,
        String actorUnit,
        String actorRegion,
        @Schema(description = "the event's own fields, in the current revision of its type")
        @JsonRawValue String details) {

    private static final ObjectMapper JSON = EventJson.newMapper();

    static HistoryStep of(TaskHistoryEntry entry) {
        return new HistoryStep(entry.sequence, entry.source, entry.type, entry.label, entry.occurredAt,
                entry.actorUser, entry.actorRole, entry.actorUnit, entry.actorRegion, currentDetails(entry));
    }

    /**
     * The step's details in the current revision of its type, as the events now read: a step kept
     * from an earlier revision is upcast on the way out, never rewritten in the trail.
     */
    private static String currentDetails(TaskHistoryEntry entry) {
        EventType type = EventTypes.byName(entry.type).orElse(null);
        if (type == null || entry.detailsRevision >= type.revision()) {
            return entry.details;
        }
        try {
            if (JSON.readTree(entry.details) instanceof ObjectNode stored) {
                return JSON.writeValueAsString(type.upcast(entry.detailsRevision, stored));
            }
        } catch (JsonProcessingException e) {
            throw unreadable(entry, e);
        }
        throw unreadable(entry, null);
    }

    private static IllegalStateException unreadable(TaskHistoryEntry entry, Exception cause) {
        return new IllegalStateException("the details of history step " + entry.id + " do not read as "
                + entry.type + " at revision " + entry.detailsRevision, cause);
    }
}
