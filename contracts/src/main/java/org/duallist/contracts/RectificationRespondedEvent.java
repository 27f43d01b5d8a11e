package org.duallist.contracts;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The responsible unit answered a supervision notice with a rectification response (整改反馈). */
@Revision("1")
public record RectificationRespondedEvent(
        UUID taskId,
        UUID noticeId,
        String response,
        boolean late,
        Instant respondedAt,
        Actor actor) implements TaskEvent {
}
