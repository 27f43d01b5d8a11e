package org.duallist.progress.command;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/** 验收不通过: the requester unit rejects the completion with reasons; work goes on. */
public record RejectCompletionCommand(@TargetAggregateIdentifier UUID taskId, String reasons, Assignment assignment, Instant issuedAt, Actor actor) {
}
