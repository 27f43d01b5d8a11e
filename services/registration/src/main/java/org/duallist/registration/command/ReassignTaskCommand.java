package org.duallist.registration.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/** 改派: the office assigns a returned task to another responsible unit; the deadline stays unless given. */
public record ReassignTaskCommand(
        @TargetAggregateIdentifier UUID taskId,
        String responsibleUnit,
        List<String> coUnits,
        LocalDate deadline,
        Instant issuedAt,
        Actor actor) {

    public ReassignTaskCommand {
        coUnits = coUnits == null ? List.of() : List.copyOf(coUnits);
    }
}
