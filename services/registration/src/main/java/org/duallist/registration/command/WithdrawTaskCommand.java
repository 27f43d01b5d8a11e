package org.duallist.registration.command;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/** 撤销: the requester unit withdraws its own request, with its reason, as long as it has not accepted the work. */
public record WithdrawTaskCommand(@TargetAggregateIdentifier UUID taskId, String reason, boolean completionAccepted,
                                  Instant issuedAt, Actor actor) {
}
