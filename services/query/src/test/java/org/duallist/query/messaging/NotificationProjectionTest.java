package org.duallist.query.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.TaskList;
import org.duallist.query.TaskEvents;
import org.duallist.query.query.Notification;
import org.duallist.query.query.NotificationHub;
import org.duallist.testing.DualListTestStack;
import org.junit.jupiter.api.Test;

/** The notification handlers, applied directly inside a transaction as the consumer does. */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class NotificationProjectionTest {

    @Inject
    TaskProjection tasks;

    @Inject
    NotificationProjection notifications;

    @Inject
    NotificationHub hub;

    @Test
    void anAssignmentIsHeardOnceItsTransactionCommitsAndNotIfItRollsBack() {
        List<Notification> heard = new CopyOnWriteArrayList<>();
        Cancellable listening = hub.streamFor(new Actor("office", ActorRole.OFFICE, null, null, "150100"))
                .subscribe().with(heard::add);
        UUID committed = UUID.randomUUID();
        UUID rolledBack = UUID.randomUUID();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                tasks.apply(TaskEvents.filed(committed, "150105", TaskList.SUPPORT_THE_MILITARY, "子女入学", "赛罕区人民武装部"));
                notifications.apply(TaskEvents.registered(committed, "呼和浩特市教育局", LocalDate.of(2026, 9, 1)));
                assertThat(heard).as("nothing before the commit").isEmpty();
            });
            assertThat(heard).singleElement().satisfies(n -> {
                assertThat(n.type()).isEqualTo("ASSIGNED");
                assertThat(n.taskId()).isEqualTo(committed);
                assertThat(n.responsibleUnit()).isEqualTo("呼和浩特市教育局");
                assertThat(n.regionCode()).isEqualTo("150105");
                assertThat(n.message()).contains("2026-09-01");
            });

            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                tasks.apply(TaskEvents.filed(rolledBack, "150105", TaskList.SUPPORT_THE_MILITARY, "营区道路", "赛罕区人民武装部"));
                notifications.apply(TaskEvents.registered(rolledBack, "呼和浩特市交通运输局", LocalDate.of(2026, 9, 1)));
                throw new IllegalStateException("the batch failed after this event");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(heard).hasSize(1);

            // an event for a task not yet filed fails, so that the consumer retries it
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() ->
                    notifications.apply(TaskEvents.registered(UUID.randomUUID(), "呼和浩特市教育局", LocalDate.of(2026, 9, 1)))))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            listening.cancel();
        }
    }
}
