package org.duallist.query.query;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.duallist.contracts.Actor;
import org.duallist.platform.identity.ReadAccess;

/**
 * Hands each notification to every open stream whose reader may read the task, as the read model
 * commits it. Live only: a stream hears what happens while it is open (what happened before is in
 * the task's history and in the lists).
 */
@ApplicationScoped
public class NotificationHub {

    private final BroadcastProcessor<Notification> broadcast = BroadcastProcessor.create();

    public void publish(Notification notification) {
        broadcast.onNext(notification);
    }

    /** What {@code reader} may hear of: offices and leaders their region, units their own tasks. */
    public Multi<Notification> streamFor(Actor reader) {
        return broadcast.filter(n -> ReadAccess.mayRead(reader, n.regionCode(), n.requesterUnit(), n.responsibleUnit(),
                n.coUnits()));
    }
}
