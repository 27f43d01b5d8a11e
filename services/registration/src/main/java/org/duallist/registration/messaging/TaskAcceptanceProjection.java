package org.duallist.registration.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.duallist.contracts.CompletionAcceptedEvent;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.Topics;
import org.duallist.platform.messaging.EventProjection;
import org.duallist.registration.query.TaskAcceptance;

/** Learns from the progress events when a requester accepted a task's completion. */
@ApplicationScoped
public class TaskAcceptanceProjection implements EventProjection {

    @Override
    public Set<String> topics() {
        return Set.of(Topics.PROGRESS);
    }

    @Override
    public void apply(EventEnvelope event) {
        if (event.data() instanceof CompletionAcceptedEvent accepted) {
            TaskAcceptance acceptance = TaskAcceptance.findById(accepted.taskId());
            if (acceptance == null) {
                acceptance = new TaskAcceptance();
                acceptance.taskId = accepted.taskId();
            }
            acceptance.accepted = true;
            acceptance.acceptedAt = accepted.acceptedAt();
            acceptance.acceptances++;
            acceptance.persist();
        }
    }
}
