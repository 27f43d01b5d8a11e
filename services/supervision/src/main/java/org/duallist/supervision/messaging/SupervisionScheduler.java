package org.duallist.supervision.messaging;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Evaluates every supervised task right after start and then every
 * {@code dual-list.supervision.evaluation-interval} (30 s unless configured; "off" disables it). A pass
 * still running when the next is due is not doubled; what a pass emits is decided by the tasks' events
 * alone, so a restart, a missed tick or a second instance never issues a notice twice.
 */
@ApplicationScoped
public class SupervisionScheduler {

    private final SupervisionEvaluator evaluator;

    SupervisionScheduler(SupervisionEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Scheduled(identity = "supervision-evaluation", every = "${dual-list.supervision.evaluation-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evaluate() {
        evaluator.evaluateAll();
    }
}
