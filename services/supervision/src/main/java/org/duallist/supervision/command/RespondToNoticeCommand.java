package org.duallist.supervision.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.duallist.contracts.Actor;

/** 整改反馈: the responsible unit answers a supervision notice; late when given after its reply date. */
public record RespondToNoticeCommand(@TargetAggregateIdentifier UUID taskId, UUID noticeId, String response, TaskSnapshot facts,
                                     LocalDate businessDate, Instant respondedAt, Actor actor) {
}
