package org.duallist.registration.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/** 立项交办: the office registers a filed request and assigns it to a responsible unit with a deadline. */
public record RegisterTaskCommand(
        @TargetAggregateIdentifier UUID taskId,
        String responsibleUnit,
        List<String> coUnits,
        LocalDate deadline,
        String qualityRequirement,
        Instant issuedAt,
        Actor actor) {

    public RegisterTaskCommand {
        coUnits = coUnits == null ? List.of() : List.copyOf(coUnits);
    }
}
