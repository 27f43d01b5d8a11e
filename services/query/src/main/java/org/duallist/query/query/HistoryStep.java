package org.duallist.query.query;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

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
        @JsonRawValue String details) {

    static HistoryStep of(TaskHistoryEntry entry) {
        return new HistoryStep(entry.sequence, entry.source, entry.type, entry.label, entry.occurredAt,
                entry.actorUser, entry.actorRole, entry.actorUnit, entry.actorRegion, entry.details);
    }
}
