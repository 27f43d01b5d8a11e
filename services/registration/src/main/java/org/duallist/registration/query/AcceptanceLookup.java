package org.duallist.registration.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** How many completions of a task the requester accepted, from this service's own table. */
@ApplicationScoped
public class AcceptanceLookup {

    @Transactional
    public int acceptances(UUID taskId) {
        return TaskAcceptance.acceptances(taskId);
    }
}
