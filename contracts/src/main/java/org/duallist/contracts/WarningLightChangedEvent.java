package org.duallist.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A task's warning light changed (预警) on business day {@code businessDate}; {@code previous} is
 * null for the first light. {@code reason} says which rule lit it (临期, 进度滞后, 逾期 …).
 */
@Revision("1")
public record WarningLightChangedEvent(
        UUID taskId,
        WarningLight light,
        WarningLight previous,
        String reason,
        LocalDate businessDate,
        Instant changedAt,
        Actor actor) implements TaskEvent {
}
