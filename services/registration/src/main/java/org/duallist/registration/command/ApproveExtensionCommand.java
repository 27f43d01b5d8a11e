package org.duallist.registration.command;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/** 批准延期: the office approves the pending extension request; the deadline moves. */
public record ApproveExtensionCommand(@TargetAggregateIdentifier UUID taskId, Instant issuedAt, Actor actor) {
}
