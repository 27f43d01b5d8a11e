package org.duallist.progress.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/** 进度反馈: the responsible unit reports how far the work is. */
public record ReportProgressCommand(@TargetAggregateIdentifier UUID taskId, int percent, String narrative, LocalDate nextStepDate, String decreaseReason, Assignment assignment, Instant issuedAt, Actor actor) {
}
