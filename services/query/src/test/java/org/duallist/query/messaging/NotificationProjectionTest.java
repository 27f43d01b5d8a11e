package org.duallist.query.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.subscription.Cancellable;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
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

/** The notification handlers, applied directly inside a transaction as the consumer does, heard through the database. */
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

    @Inject
    NotificationChannel channel;

    @Inject
    DataSource dataSource;

    @Test
    void anAssignmentIsHeardOnceItsTransactionCommitsAndNotIfItRollsBack() {
        List<Notification> heard = new CopyOnWriteArrayList<>();
        Cancellable listening = hub.streamFor(new Actor("office", ActorRole.OFFICE, null, null, "150100"))
                .subscribe().with(heard::add);
        UUID committed = UUID.randomUUID();
        UUID rolledBack = UUID.randomUUID();
        UUID committedLater = UUID.randomUUID();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                tasks.apply(TaskEvents.filed(committed, "150105", TaskList.SUPPORT_THE_MILITARY, "子女入学", "赛罕区人民武装部"));
                notifications.apply(TaskEvents.registered(committed, "呼和浩特市教育局", LocalDate.of(2026, 9, 1)));
                sleep(700); // longer than the listener's poll: a notification sent before the commit would be heard now
                assertThat(heard).as("nothing before the commit").isEmpty();
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
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
            // notifications arrive in commit order: once the later one is heard, the rolled-back one would have been
            QuarkusTransaction.requiringNew().run(() -> {
                tasks.apply(TaskEvents.filed(committedLater, "150105", TaskList.SUPPORT_THE_MILITARY, "营区供暖", "赛罕区人民武装部"));
                notifications.apply(TaskEvents.registered(committedLater, "呼和浩特市住房和城乡建设局", LocalDate.of(2026, 9, 1)));
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() >= 2);
            assertThat(heard).extracting(Notification::taskId).containsExactly(committed, committedLater);

            // an event for a task not yet filed fails, so that the consumer retries it
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() ->
                    notifications.apply(TaskEvents.registered(UUID.randomUUID(), "呼和浩特市教育局", LocalDate.of(2026, 9, 1)))))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            listening.cancel();
        }
    }

    @Test
    void theNotificationsOfOneTransactionAreAllHeardInTheOrderTheirEventsWereApplied() {
        List<Notification> heard = new CopyOnWriteArrayList<>();
        Cancellable listening = hub.streamFor(new Actor("office", ActorRole.OFFICE, null, null, "150100"))
                .subscribe().with(heard::add);
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(UUID.randomUUID());
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (UUID id : ids) {
                    tasks.apply(TaskEvents.filed(id, "150105", TaskList.SUPPORT_THE_MILITARY, "同批事项", "赛罕区人民武装部"));
                    notifications.apply(TaskEvents.registered(id, "呼和浩特市教育局", LocalDate.of(2026, 9, 1)));
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.stream().filter(n -> ids.contains(n.taskId())).count() == ids.size());
            assertThat(heard).extracting(Notification::taskId).filteredOn(ids::contains).containsExactlyElementsOf(ids);
        } finally {
            listening.cancel();
        }
    }

    @Test
    void everyReplicaHearsTheNotificationThroughTheDatabaseNotOnlyTheOneThatAppliedIt() throws Exception {
        UUID task = UUID.randomUUID();
        // another replica's listener: a connection of its own, in no way tied to this service's hub
        try (Connection otherReplica = dataSource.getConnection(); Statement listen = otherReplica.createStatement()) {
            listen.execute("LISTEN " + NotificationChannel.CHANNEL);
            QuarkusTransaction.requiringNew().run(() -> {
                tasks.apply(TaskEvents.filed(task, "150105", TaskList.SUPPORT_THE_MILITARY, "营区饮水", "赛罕区人民武装部"));
                notifications.apply(TaskEvents.registered(task, "呼和浩特市水务局", LocalDate.of(2026, 9, 1)));
            });
            PGConnection postgres = otherReplica.unwrap(PGConnection.class);
            List<String> payloads = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (payloads.stream().noneMatch(p -> p.contains(task.toString())) && System.nanoTime() < deadline) {
                PGNotification[] received = postgres.getNotifications(500);
                if (received != null) {
                    for (PGNotification notification : received) {
                        payloads.add(notification.getParameter());
                    }
                }
            }
            assertThat(payloads).anySatisfy(p -> assertThat(p).contains(task.toString()).contains("呼和浩特市水务局"));
        }
    }

    @Test
    void aNotificationTooLongForOneNotifyIsShortenedNotLost() throws Exception {
        String reason = "营区周边道路破损严重，".repeat(600); // ~18,000 bytes of Chinese
        Notification huge = new Notification(UUID.randomUUID().toString(), "RETURNED", "退回", UUID.randomUUID(), "营区道路维修",
                "150105", "赛罕区人民武装部", "呼和浩特市交通运输局", List.of(), "责任单位退回：" + reason, java.time.Instant.now());
        String payload = channel.payload(huge);
        assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(NotificationChannel.MAX_PAYLOAD_BYTES);
        assertThat(payload).contains(huge.id()).contains("营区道路维修").contains("责任单位退回：营区周边道路破损严重").contains("…");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
