package org.duallist.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The dual-support office registered a filed request into the list and assigned it (立项交办),
 * making the four things explicit (四个明确): responsible unit, content, deadline and quality.
 * The deadline is a date in Asia/Shanghai; the task is overdue from the day after it.
 */
@Revision("1")
public record TaskRegisteredEvent(
        UUID taskId,
        String responsibleUnit,
        List<String> coUnits,
        LocalDate deadline,
        String qualityRequirement,
        Instant registeredAt,
        Actor actor) implements TaskEvent {

    public TaskRegisteredEvent {
        coUnits = coUnits == null ? List.of() : List.copyOf(coUnits);
    }
}
