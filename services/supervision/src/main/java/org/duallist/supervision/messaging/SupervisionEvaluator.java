package org.duallist.supervision.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.SupervisionNoticeIssuedEvent;
import org.duallist.contracts.WarningLightChangedEvent;
import org.duallist.platform.time.BusinessClock;
import org.duallist.supervision.command.EvaluateSupervisionCommand;
import org.duallist.supervision.command.TaskSnapshot;
import org.duallist.supervision.query.TaskFactsLookup;
import org.jboss.logging.Logger;

/**
 * One evaluation pass: every supervised task judged for business day today, each in its own unit of
 * work. Nothing here remembers what was done: each task's Supervision knows from its events, so a
 * pass repeated on the same day, after a restart or on another instance emits nothing new, and of two
 * passes evaluating one task at the same time the second either waits for the first (same instance)
 * or fails on the event store's sequence number and finds nothing left to do in the next pass.
 */
@ApplicationScoped
public class SupervisionEvaluator {

    private static final Logger LOG = Logger.getLogger(SupervisionEvaluator.class);

    private final CommandGateway commands;
    private final TaskFactsLookup facts;
    private final BusinessClock clock;

    SupervisionEvaluator(CommandGateway commands, TaskFactsLookup facts, BusinessClock clock) {
        this.commands = commands;
        this.facts = facts;
        this.clock = clock;
    }

    public EvaluationReport evaluateAll() {
        LocalDate today = clock.today();
        Instant now = clock.now();
        List<EvaluationReport.Emitted> emitted = new ArrayList<>();
        int evaluated = 0;
        int deferred = 0;
        for (UUID taskId : facts.supervisedTaskIds()) {
            try {
                Optional<TaskSnapshot> snapshot = facts.findOptional(taskId);
                if (snapshot.isEmpty()) {
                    continue;
                }
                List<?> events = commands.sendAndWait(new EvaluateSupervisionCommand(taskId, snapshot.get(), today, now));
                evaluated++;
                events.forEach(event -> emitted.add(describe(taskId, event)));
            } catch (RuntimeException e) {
                deferred++;
                LOG.warnf("Supervision of task %s not evaluated on %s (%s); the next pass retries", taskId, today, e.toString());
            }
        }
        if (!emitted.isEmpty() || deferred > 0) {
            LOG.infof("Supervision pass for %s: %d tasks evaluated, %d lights and notices, %d deferred", today, evaluated,
                    emitted.size(), deferred);
        }
        return new EvaluationReport(today, evaluated, deferred, emitted);
    }

    private static EvaluationReport.Emitted describe(UUID taskId, Object event) {
        if (event instanceof WarningLightChangedEvent light) {
            return new EvaluationReport.Emitted(taskId, EventTypes.WARNING_LIGHT_CHANGED.name(), light.light(), null, null,
                    light.businessDate(), light.reason());
        }
        SupervisionNoticeIssuedEvent notice = (SupervisionNoticeIssuedEvent) event;
        return new EvaluationReport.Emitted(taskId, EventTypes.SUPERVISION_NOTICE_ISSUED.name(), null, notice.grade(),
                notice.noticeId(), notice.businessDate(), notice.reason());
    }
}
