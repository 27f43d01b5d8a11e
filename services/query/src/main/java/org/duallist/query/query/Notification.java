package org.duallist.query.query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Something that happened to a task that its units, its office or its leaders should hear of at
 * once: a new assignment, a return, an extension decision, a change of light, a supervision
 * notice, a completion waiting for acceptance.
 */
@Schema(description = "通知: what happened to a task, for whoever may read it")
public record Notification(
        @Schema(description = "The event's id; the SSE event id") String id,
        @Schema(description = "ASSIGNED 新交办, RETURNED 退回, EXTENSION_APPROVED 延期批准, EXTENSION_REFUSED 延期驳回, "
                + "LIGHT_CHANGED 预警, NOTICE_ISSUED 督办单, COMPLETION_REPORTED 待验收; the SSE event name")
        String type,
        @Schema(description = "The type in Chinese") String label,
        UUID taskId,
        String title,
        String regionCode,
        String requesterUnit,
        String responsibleUnit,
        List<String> coUnits,
        @Schema(description = "What happened, in a sentence people read") String message,
        Instant at) {

    public Notification {
        coUnits = coUnits == null ? List.of() : List.copyOf(coUnits);
    }
}
