package org.duallist.registration.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/** 延期申请: the responsible unit asks, before the deadline, for a later one, with its reason. */
public record RequestExtensionCommand(@TargetAggregateIdentifier UUID taskId, LocalDate requestedDeadline, String reason,
                                      Instant issuedAt, Actor actor) {
}
