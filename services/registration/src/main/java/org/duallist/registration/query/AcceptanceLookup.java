package org.duallist.registration.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** Whether the requester accepted a task's completion, from this service's own table. */
@ApplicationScoped
public class AcceptanceLookup {

    @Transactional
    public boolean isAccepted(UUID taskId) {
        return TaskAcceptance.isAccepted(taskId);
    }
}
