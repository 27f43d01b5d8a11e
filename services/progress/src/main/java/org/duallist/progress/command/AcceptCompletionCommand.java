package org.duallist.progress.command;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/** 验收通过: the requester unit accepts the reported completion. */
public record AcceptCompletionCommand(@TargetAggregateIdentifier UUID taskId, Assignment assignment, Instant issuedAt, Actor actor) {
}
