package org.duallist.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The office assigned a returned task to another responsible unit (改派), with its co-units and deadline. */
@Revision("1")
public record TaskReassignedEvent(
        UUID taskId,
        String responsibleUnit,
        List<String> coUnits,
        LocalDate deadline,
        Instant reassignedAt,
        Actor actor) implements TaskEvent {

    public TaskReassignedEvent {
        coUnits = coUnits == null ? List.of() : List.copyOf(coUnits);
    }
}
