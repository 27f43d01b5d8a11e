package org.duallist.supervision.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 * pass. So a task once evaluated is passed over until the day its light may change
 * or its deadline passes ({@link Supervision#quietUntil}), as long as its facts and its stream are
 * exactly as they were after its evaluation — a progress report, an extension or a notice issued
 * or answered on any instance changes one of them, and the next pass evaluates it. This memory is
 * each instance's own and starts empty: after a restart the first pass evaluates everything.
 *
 * <p>The tasks are read a page at a time and each page's tasks are judged by
 * {@code dual-list.supervision.evaluation-workers} threads at once: a task's evaluation mostly waits
 * for the database (its stream read, its events written and flushed to disk), so one thread left the
 * machine partly idle while the first pass after a bulk import judged 100,000 tasks for six minutes
 * (3.5 ms a task; 2.1 ms on four threads). One pass runs at a time on an instance; the scheduled
 * pass and one asked for over HTTP take turns, since a second pass beside the first would wait on
 * each task's lock and then find nothing to do.
 */
@ApplicationScoped
public class SupervisionEvaluator {

    private static final Logger LOG = Logger.getLogger(SupervisionEvaluator.class);

    /** Tasks read from the database at once; a page is judged before the next is read. */
    static final int PAGE_SIZE = 500;

    private final CommandGateway commands;
    private final TaskFactsLookup facts;
    private final BusinessClock clock;
    private final SupervisionPolicy policy;
    private final int workers;
    private final Map<UUID, Quiet> quiet = new ConcurrentHashMap<>();
    private final ReentrantLock oneAtATime = new ReentrantLock();
    /** Numbers the passes, so that a pass can forget the quiet tasks it did not see (no longer supervised). */
    private long passes;
    private volatile boolean stopping;

    @Inject
    SupervisionEvaluator(CommandGateway commands, TaskFactsLookup facts, BusinessClock clock, SupervisionAxonModule module,
                         @ConfigProperty(name = "dual-list.supervision.evaluation-workers", defaultValue = "4") int workers) {
        this(commands, facts, clock, module.policy(), workers);
    }

    SupervisionEvaluator(CommandGateway commands, TaskFactsLookup facts, BusinessClock clock, SupervisionPolicy policy, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("dual-list.supervision.evaluation-workers must be at least 1, not " + workers);
        }
        this.commands = commands;
        this.facts = facts;
        this.clock = clock;
        this.policy = policy;
        this.workers = workers;
    }

    /**
     * A task evaluated on {@code evaluatedOn}: the version of the facts it was judged on, the last sequence
     * number of its stream after the evaluation, and the last pass that listed it.
     */
    private record Quiet(long factsVersion, long lastSequence, LocalDate evaluatedOn, LocalDate until, long seenInPass) {
        boolean covers(TaskFactsLookup.Supervised now, LocalDate today) {
            return factsVersion == now.factsVersion() && lastSequence == now.lastSequence()
                    && !today.isBefore(evaluatedOn) && today.isBefore(until);
        }

        Quiet seenIn(long pass) {
            return new Quiet(factsVersion, lastSequence, evaluatedOn, until, pass);
        }
    }

    /** What became of one task in a pass. */
    private record Outcome(Kind kind, List<?> events) {
        enum Kind { EVALUATED, UNCHANGED, DEFERRED, GONE }

        static final Outcome UNCHANGED = new Outcome(Kind.UNCHANGED, List.of());
        static final Outcome DEFERRED = new Outcome(Kind.DEFERRED, List.of());
        static final Outcome GONE = new Outcome(Kind.GONE, List.of());
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public EvaluationReport evaluateAll() {
        oneAtATime.lock();
        try {
            return pass(++passes);
        } finally {
            oneAtATime.unlock();
        }
    }

    private EvaluationReport pass(long pass) {
        LocalDate today = clock.today();
        Instant now = clock.now();
        EvaluationReport.Tally tally = new EvaluationReport.Tally(today);
        ExecutorService pool = workers == 1 ? null : Executors.newFixedThreadPool(workers, new PassThreads(pass));
        boolean complete = true;
        try {
            TaskFactsLookup.Supervised last = null;
            for (List<TaskFactsLookup.Supervised> page = facts.supervisedTasks(null, PAGE_SIZE); !page.isEmpty();
                 page = facts.supervisedTasks(last, PAGE_SIZE)) {
                last = page.get(page.size() - 1);
                List<Outcome> outcomes = judge(page, today, now, pass, pool);
                for (int i = 0; i < page.size(); i++) {
                    Outcome outcome = outcomes.get(i);
                    UUID taskId = page.get(i).taskId();
                    switch (outcome.kind()) {
                        case EVALUATED -> tally.evaluated(outcome.events().stream().map(event -> describe(taskId, event)).toList());
                        case UNCHANGED -> tally.unchanged();
                        case DEFERRED -> tally.deferred();
                        case GONE -> { }
                    }
                }
                if (stopping) {
                    // the command bus and the database go away under a pass of tens of thousands of tasks: each one
                    // left would fail and be logged; the next start's first pass evaluates them
                    LOG.infof("The service stops: the supervision pass for %s ends, the tasks after %s are left to the next pass",
                            today, last.taskId());
                    complete = false;
                    break;
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        if (complete) {
            quiet.values().removeIf(task -> task.seenInPass() != pass);
        }
        EvaluationReport report = tally.report();
        if (report.emittedCount() > 0 || report.deferred() > 0) {
            LOG.infof("Supervision pass for %s: %d tasks evaluated, %d unchanged, %d lights and notices, %d deferred", today,
                    report.evaluated(), report.unchanged(), report.emittedCount(), report.deferred());
        }
        return report;
    }

    /** Judges a page of tasks, on the pass's threads when it has them; the outcomes in the page's order. */
    private List<Outcome> judge(List<TaskFactsLookup.Supervised> page, LocalDate today, Instant now, long pass, ExecutorService pool) {
        if (pool == null) {
            return page.stream().map(task -> judge(task, today, now, pass)).toList();
        }
        List<Future<Outcome>> pending = new ArrayList<>(page.size());
        for (TaskFactsLookup.Supervised task : page) {
            pending.add(pool.submit(() -> judge(task, today, now, pass)));
        }
        List<Outcome> outcomes = new ArrayList<>(page.size());
        for (Future<Outcome> outcome : pending) {
            try {
                outcomes.add(outcome.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the supervision pass was interrupted", e);
            } catch (ExecutionException e) {
                // judge catches what a task's evaluation throws; anything else is a defect of the pass itself
                throw new IllegalStateException("the supervision pass failed", e.getCause());
            }
        }
        return outcomes;
    }

    private Outcome judge(TaskFactsLookup.Supervised task, LocalDate today, Instant now, long pass) {
        if (stopping) {
            return Outcome.DEFERRED;
        }
        UUID taskId = task.taskId();
        Quiet before = quiet.get(taskId);
        if (before != null && before.covers(task, today)) {
            quiet.put(taskId, before.seenIn(pass));
            return Outcome.UNCHANGED;
        }
        try {
            Optional<TaskFactsLookup.VersionedSnapshot> known = facts.findVersioned(taskId);
            if (known.isEmpty()) {
                return Outcome.GONE;
            }
            TaskSnapshot snapshot = known.get().snapshot();
            List<?> events = commands.sendAndWait(new EvaluateSupervisionCommand(taskId, snapshot, today, now));
            // Judged again today on the same facts and stream, the task would emit nothing (an evaluation is decided
            // by them and the day alone), also right after this one emitted: its stream then ends where the listing's
            // did plus what it appended. Remembering that saves judging every newly lit task a second time in the
            // next pass. Facts newer than the listing's, or a stream that grew elsewhere meanwhile, and the next
            // pass looks again.
            if (known.get().version() == task.factsVersion()) {
                quiet.put(taskId, new Quiet(task.factsVersion(), task.lastSequence() + events.size(), today,
                        Supervision.quietUntil(snapshot, today, policy), pass));
            } else {
                quiet.remove(taskId);
            }
            return new Outcome(Outcome.Kind.EVALUATED, events);
        } catch (RuntimeException e) {
            quiet.remove(taskId);
            LOG.warnf("Supervision of task %s not evaluated on %s (%s); the next pass retries", taskId, today, e.toString());
            return Outcome.DEFERRED;
        }
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

    /** The pass's threads, named for the thread dumps and logs. */
    private record PassThreads(long pass) implements ThreadFactory {
        private static final AtomicInteger NEXT = new AtomicInteger();

        @Override
        public Thread newThread(Runnable work) {
            Thread thread = new Thread(work, "supervision-pass-" + pass + "-" + NEXT.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
