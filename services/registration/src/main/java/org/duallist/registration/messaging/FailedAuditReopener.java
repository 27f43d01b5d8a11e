package org.duallist.registration.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.duallist.contracts.AuditOutcome;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.TaskAuditedEvent;
import org.duallist.contracts.Topics;
import org.duallist.platform.domain.AccessDeniedException;
import org.duallist.platform.domain.InvalidFieldsException;
import org.duallist.platform.domain.StateConflictException;
import org.duallist.platform.messaging.EventProjection;
import org.duallist.registration.command.ReopenTaskCommand;
import org.duallist.registration.query.TaskAcceptance;
import org.jboss.logging.Logger;

/**
 * Reopens a task (重新办理) when the supervision service reports a failed audit (核查未通过) of it, in
 * the name of the office that audited it. Each audited acceptance reopens the task once: the task
 * itself ignores an audit of an acceptance it has reopened already (a redelivered event).
 */
@ApplicationScoped
public class FailedAuditReopener implements EventProjection {

    private static final Logger LOG = Logger.getLogger(FailedAuditReopener.class);

    private final CommandGateway commands;

    FailedAuditReopener(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.SUPERVISION);
    }

    @Override
    public void apply(EventEnvelope event) {
        if (!(event.data() instanceof TaskAuditedEvent audit) || audit.outcome() != AuditOutcome.FAILED) {
            return;
        }
        int learned = TaskAcceptance.acceptances(audit.taskId());
        if (learned < audit.acceptedCompletions()) {
            // The progress events have not told this service of the audited acceptance yet: the
            // consumer rewinds and tries again after a pause, by when they usually have.
            throw new IllegalStateException("audit " + audit.auditId() + " of task " + audit.taskId() + " concerns accepted completion "
                    + audit.acceptedCompletions() + " but registration has learned of " + learned + " so far");
        }
        ReopenTaskCommand reopen = new ReopenTaskCommand(audit.taskId(), "核查未通过：" + audit.findings(), null,
                audit.auditId(), audit.acceptedCompletions(), learned, audit.auditedAt(), audit.actor());
        try {
            // Its own transaction: a refusal must not doom the consumer's transaction (and so block the topic)
            QuarkusTransaction.requiringNew().run(() -> commands.sendAndWait(reopen));
        } catch (AccessDeniedException | StateConflictException | InvalidFieldsException e) {
            // A refusal by the task's rules will not change on a retry; anything else (a concurrent
            // change, the database) propagates and the consumer tries again.
            LOG.errorf(e, "the failed audit %s could not reopen task %s; the office must reopen it by hand",
                    audit.auditId(), audit.taskId());
        }
    }
}
