package org.duallist.progress.command;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/** 办结反馈: the responsible unit reports the task done, with evidence. */
public record ReportCompletionCommand(@TargetAggregateIdentifier UUID taskId, String summary, List<String> evidenceLinks, Assignment assignment, Instant issuedAt, Actor actor) {
}
