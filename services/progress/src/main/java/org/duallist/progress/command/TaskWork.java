package org.duallist.progress.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.CompletionAcceptedEvent;
import org.duallist.contracts.CompletionRejectedEvent;
import org.duallist.contracts.CompletionReportedEvent;
import org.duallist.contracts.ObstacleRaisedEvent;
import org.duallist.contracts.ObstacleResolvedEvent;
import org.duallist.contracts.ProgressReportedEvent;
import org.duallist.contracts.TaskEvent;
import org.duallist.contracts.TaskRatedEvent;
import org.duallist.platform.domain.AccessDeniedException;
import org.duallist.platform.domain.InvalidFieldsException;
import org.duallist.platform.domain.StateConflictException;

/**
 * The work on one task (办理): progress reports, obstacles, the completion report, the
 * requester's acceptance or rejection, and its rating. It starts with the first report of the
 * responsible unit; every command is judged against the task's registration as this service
 * learned it from the registration events.
 */
public class TaskWork {

    @AggregateIdentifier
    private UUID taskId;
    private int percent;
    private final Set<UUID> openObstacles = new HashSet<>();
    private boolean completionPending;
    /** Accepted completions so far; the latest stands while they outnumber the task's reopenings. */
    private int acceptances;
    private int ratings;

    protected TaskWork() {
        // for Axon: rebuilt from events, or created by the first command
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReportProgressCommand command) {
        requireWorkingResponsibleUnit(command.assignment(), command.actor(), "report progress on");
        if (command.percent() < 0 || command.percent() > 100) {
            throw new InvalidFieldsException("percent", "must be between 0 and 100");
        }
        boolean backwards = command.percent() < percent;
        if (backwards && (command.decreaseReason() == null || command.decreaseReason().isBlank())) {
            throw new InvalidFieldsException("decreaseReason", "is required when progress goes back from " + percent + "% to "
                    + command.percent() + "%");
        }
        apply(new ProgressReportedEvent(command.taskId(), command.percent(), command.narrative(), command.nextStepDate(),
                backwards ? command.decreaseReason() : null, command.issuedAt(), command.actor()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RaiseObstacleCommand command) {
        requireWorkingResponsibleUnit(command.assignment(), command.actor(), "raise an obstacle on");
        apply(new ObstacleRaisedEvent(command.taskId(), command.obstacleId(), command.description(), command.issuedAt(),
                command.actor()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ResolveObstacleCommand command) {
        Actor actor = command.actor();
        boolean responsible = actor.isUnit(command.assignment().responsibleUnit());
        boolean office = actor.role() == ActorRole.OFFICE && actor.covers(command.assignment().regionCode());
        if (!responsible && !office) {
            throw new AccessDeniedException("only the responsible unit or the office of the task's region may resolve an obstacle");
        }
        if (!openObstacles.contains(command.obstacleId())) {
            throw new StateConflictException("obstacle " + command.obstacleId() + " is not open on task " + command.taskId());
        }
        apply(new ObstacleResolvedEvent(command.taskId(), command.obstacleId(), command.resolution(), command.issuedAt(), actor));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReportCompletionCommand command) {
        requireWorkingResponsibleUnit(command.assignment(), command.actor(), "report the completion of");
        apply(new CompletionReportedEvent(command.taskId(), command.summary(), command.evidenceLinks(), command.issuedAt(),
                command.actor()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AcceptCompletionCommand command) {
        requireRequester(command.assignment(), command.actor(), "accept");
        requireCompletionPending(command.taskId());
        apply(new CompletionAcceptedEvent(command.taskId(), command.issuedAt(), command.actor()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RejectCompletionCommand command) {
        requireRequester(command.assignment(), command.actor(), "reject");
        requireCompletionPending(command.taskId());
        apply(new CompletionRejectedEvent(command.taskId(), command.reasons(), command.issuedAt(), command.actor()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RateTaskCommand command) {
        requireRequester(command.assignment(), command.actor(), "rate");
        if (!accepted(command.assignment())) {
            throw new StateConflictException("task " + command.taskId() + " can be rated only after its completion was accepted");
        }
        if (ratings >= acceptances) {
            throw new StateConflictException("task " + command.taskId() + " was rated already");
        }
        if (command.score() < 1 || command.score() > 5) {
            throw new InvalidFieldsException("score", "must be 1 to 5");
        }
        apply(new TaskRatedEvent(command.taskId(), command.score(), command.comment(), command.issuedAt(), command.actor()));
    }

    /** Work is reported by the responsible unit on a claimed task that is not yet done. */
    private void requireWorkingResponsibleUnit(Assignment assignment, Actor actor, String action) {
        if (assignment.responsibleUnit() == null) {
            // filed, and its registration not here yet (or never): nobody may report yet, and the caller may retry
            throw new StateConflictException("the task is " + assignment.status() + " and has no responsible unit yet");
        }
        if (!actor.isUnit(assignment.responsibleUnit())) {
            throw new AccessDeniedException("only the responsible unit (" + assignment.responsibleUnit() + ") may " + action + " this task");
        }
        if (!assignment.isClaimed()) {
            throw new StateConflictException("the task is " + assignment.status() + "; work is reported only on a claimed task");
        }
        if (accepted(assignment)) {
            throw new StateConflictException("the task's completion was accepted already");
        }
        if (completionPending) {
            throw new StateConflictException("the completion report awaits the requester's acceptance");
        }
    }

    /** Whether the latest completion stands accepted: a reopening by the office undoes one acceptance. */
    private boolean accepted(Assignment assignment) {
        return acceptances > assignment.reopenings();
    }

    private static void requireRequester(Assignment assignment, Actor actor, String action) {
        if (!actor.isUnit(assignment.requesterUnit())) {
            throw new AccessDeniedException("only the requester unit (" + assignment.requesterUnit() + ") may " + action + " the completion");
        }
    }

    private void requireCompletionPending(UUID id) {
        if (!completionPending) {
            throw new StateConflictException("task " + id + " has no completion report awaiting acceptance");
        }
    }

    @EventSourcingHandler
    void on(ProgressReportedEvent event) {
        started(event);
        percent = event.percent();
    }

    @EventSourcingHandler
    void on(ObstacleRaisedEvent event) {
        started(event);
        openObstacles.add(event.obstacleId());
    }

    @EventSourcingHandler
    void on(ObstacleResolvedEvent event) {
        openObstacles.remove(event.obstacleId());
    }

    @EventSourcingHandler
    void on(CompletionReportedEvent event) {
        started(event);
        completionPending = true;
    }

    @EventSourcingHandler
    void on(CompletionAcceptedEvent event) {
        completionPending = false;
        acceptances++;
        percent = 100;
    }

    @EventSourcingHandler
    void on(CompletionRejectedEvent event) {
        completionPending = false;
    }

    @EventSourcingHandler
    void on(TaskRatedEvent event) {
        ratings++;
    }

    private void started(TaskEvent event) {
        taskId = event.taskId();
    }
}
