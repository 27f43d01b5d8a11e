package org.duallist.registration.command;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/** 驳回延期: the office refuses the pending extension request, with its reason. */
public record RefuseExtensionCommand(@TargetAggregateIdentifier UUID taskId, String reason, Instant issuedAt, Actor actor) {
}
