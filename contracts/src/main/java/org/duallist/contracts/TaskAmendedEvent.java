package org.duallist.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The task's wording or co-units were amended (修改) before the responsible unit claimed it; the
 * record carries the values after the amendment and why it was made.
 */
@Revision("1")
public record TaskAmendedEvent(
        UUID taskId,
        String title,
        String content,
        List<String> coUnits,
        String reason,
        Instant amendedAt,
        Actor actor) implements TaskEvent {

    public TaskAmendedEvent {
        coUnits = coUnits == null ? List.of() : List.copyOf(coUnits);
    }
}
