package org.duallist.registration.command;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/**
 * 修改: amend the wording or the co-units of a task before the responsible unit claims it. A null
 * field keeps its current value; {@code reason} is recorded in the audit trail.
 */
public record AmendTaskCommand(@TargetAggregateIdentifier UUID taskId, String title, String content, List<String> coUnits,
                               String reason, Instant issuedAt, Actor actor) {
}
