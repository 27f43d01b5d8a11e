package org.duallist.supervision.command;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;
import org.duallist.contracts.AuditOutcome;

/** 核查/复核: the office audits a task whose completion was accepted; a failed audit needs its findings. */
public record RecordAuditCommand(@TargetAggregateIdentifier UUID taskId, UUID auditId, AuditOutcome outcome, String findings,
                                 TaskSnapshot facts, Instant auditedAt, Actor actor) {
}
