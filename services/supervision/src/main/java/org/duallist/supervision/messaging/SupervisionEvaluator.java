package org.duallist.supervision.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.SupervisionNoticeIssuedEvent;
import org.duallist.contracts.WarningLightChangedEvent;
import org.duallist.platform.time.BusinessClock;
import org.duallist.supervision.command.EvaluateSupervisionCommand;
import org.duallist.supervision.command.Supervision;
import org.duallist.supervision.command.SupervisionPolicy;
import org.duallist.supervision.command.TaskSnapshot;
import org.duallist.supervision.query.TaskFactsLookup;
import org.jboss.logging.Logger;

/**
 * One evaluation pass: every supervised task judged for business day today, each in its own unit of
 * work. Nothing here remembers what was done: each task's Supervision knows from its events, so a
 * pass repeated on the same day, after a restart or on another instance emits nothing new, and of two
 * passes evaluating one task at the same time the second either waits for the first (same instance)
 * or fails on the event store's sequence number and finds nothing left to do in the next pass.
 *
 * <p>A pass runs every 30 s over every supervised task, and loading each task's stream costs about
 * 1.7 ms: a national deployment's million open tasks would keep one thread busy for half an hour per
 * pass. So a task whose evaluation emitted nothing is passed over until the day its light may change
 * or its deadline passes ({@link Supervision#quietUntil}), as long as its facts and its stream are
 * exactly as they were — a progress report, an extension or a notice issued or answered on any
 * instance changes one of them, and the next pass evaluates it. This memory is each instance's own
 * and starts empty: after a restart the first pass evaluates everything.
 */
@ApplicationScoped
public class SupervisionEvaluator {

    private static final Logger LOG = Logger.getLogger(SupervisionEvaluator.class);

    private final CommandGateway commands;
    private final TaskFactsLookup facts;
    private final BusinessClock clock;
    private final SupervisionPolicy policy;
    private final Map<UUID, Quiet> quiet = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    @Inject
    SupervisionEvaluator(CommandGateway commands, TaskFactsLookup facts, BusinessClock clock, SupervisionAxonModule module) {
        this(commands, facts, clock, module.policy());
    }

    SupervisionEvaluator(CommandGateway commands, TaskFactsLookup facts, BusinessClock clock, SupervisionPolicy policy) {
        this.commands = commands;
        this.facts = facts;
        this.clock = clock;
        this.policy = policy;
    }

    /** A task whose evaluation on {@code evaluatedOn} emitted nothing, with the versions it was judged on. */
    private record Quiet(long factsVersion, long lastSequence, LocalDate evaluatedOn, LocalDate until) {
        boolean covers(TaskFactsLookup.Supervised now, LocalDate today) {
            return factsVersion == now.factsVersion() && lastSequence == now.lastSequence()
                    && !today.isBefore(evaluatedOn) && today.isBefore(until);
        }
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public EvaluationReport evaluateAll() {
        LocalDate today = clock.today();
        Instant now = clock.now();
        List<EvaluationReport.Emitted> emitted = new ArrayList<>();
        int evaluated = 0;
        int unchanged = 0;
        int deferred = 0;
        List<TaskFactsLookup.Supervised> supervised = facts.supervisedTasks();
        for (int next = 0; next < supervised.size(); next++) {
            if (stopping) {
                // the command bus and the database go away under a pass of tens of thousands of tasks: each one
                // left would fail and be logged; the next start's first pass evaluates them
                int left = supervised.size() - next;
                deferred += left;
                LOG.infof("The service stops: the supervision pass for %s ends with %d tasks left to the next pass", today, left);
                break;
            }
            TaskFactsLookup.Supervised task = supervised.get(next);
            UUID taskId = task.taskId();
            Quiet before = quiet.get(taskId);
            if (before != null && before.covers(task, today)) {
                unchanged++;
                continue;
            }
            try {
                Optional<TaskFactsLookup.VersionedSnapshot> known = facts.findVersioned(taskId);
                if (known.isEmpty()) {
                    continue;
                }
                TaskSnapshot snapshot = known.get().snapshot();
                List<?> events = commands.sendAndWait(new EvaluateSupervisionCommand(taskId, snapshot, today, now));
                evaluated++;
                events.forEach(event -> emitted.add(describe(taskId, event)));
                // judged on facts newer than the listing's, or on a stream that grew meanwhile: the next pass looks again
                if (events.isEmpty() && known.get().version() == task.factsVersion()) {
                    quiet.put(taskId, new Quiet(task.factsVersion(), task.lastSequence(), today,
                            Supervision.quietUntil(snapshot, today, policy)));
                } else {
                    quiet.remove(taskId);
                }
            } catch (RuntimeException e) {
                quiet.remove(taskId);
                deferred++;
                LOG.warnf("Supervision of task %s not evaluated on %s (%s); the next pass retries", taskId, today, e.toString());
            }
        }
        Set<UUID> stillSupervised = new HashSet<>();
        supervised.forEach(task -> stillSupervised.add(task.taskId()));
        quiet.keySet().retainAll(stillSupervised);
        if (!emitted.isEmpty() || deferred > 0) {
            LOG.infof("Supervision pass for %s: %d tasks evaluated, %d unchanged, %d lights and notices, %d deferred", today,
                    evaluated, unchanged, emitted.size(), deferred);
        }
        return new EvaluationReport(today, evaluated, unchanged, deferred, emitted);
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
