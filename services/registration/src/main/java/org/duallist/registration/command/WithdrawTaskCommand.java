package org.duallist.registration.command;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/**
 * 撤销: the requester unit withdraws its own request, with its reason, as long as it has not accepted
 * the work; {@code completionAcceptances} as in {@link CloseTaskCommand}.
 */
public record WithdrawTaskCommand(@TargetAggregateIdentifier UUID taskId, String reason, int completionAcceptances,
                                  Instant issuedAt, Actor actor) {
}
