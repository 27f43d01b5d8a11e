package org.duallist.query.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.duallist.platform.messaging.BeforeCommitBatch;
import org.duallist.query.query.Notification;
import org.duallist.query.query.NotificationHub;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Carries notifications to the live streams of every replica of the query service. Kafka hands
 * each event to one replica only (the replicas split the partitions), but a reader's stream may be
 * open on any of them: the replica that applies the event announces it with PostgreSQL's NOTIFY in
 * the event's transaction — so it leaves only if the transaction commits — and every replica,
 * itself included, LISTENs and hands it to its {@link NotificationHub}.
 *
 * <p>A transaction's notifications (a consumer's poll may apply hundreds) are sent together, in one
 * statement, just before it commits: one round trip per poll rather than one per event.
 */
@ApplicationScoped
public class NotificationChannel {

    static final String CHANNEL = "dual_list_query_notifications";
    /** PostgreSQL refuses NOTIFY payloads of 8000 bytes and more. */
    static final int MAX_PAYLOAD_BYTES = 7_900;
    private static final Logger LOG = Logger.getLogger(NotificationChannel.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private static final String NOTIFY_ALL = "SELECT pg_notify(?, payload) FROM unnest(?::text[]) AS payload";

    private final DataSource dataSource;
    /** The current transaction's notifications (their payloads) not sent yet. */
    private final BeforeCommitBatch<String> notifications;
    private final NotificationHub hub;
    private final ObjectMapper json;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private Thread listener;

    NotificationChannel(DataSource dataSource, TransactionSynchronizationRegistry transactions, NotificationHub hub, ObjectMapper json,
                        @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                        @ConfigProperty(name = "quarkus.datasource.username") String username,
                        @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.dataSource = dataSource;
        this.notifications = new BeforeCommitBatch<>(transactions, this::send);
        this.hub = hub;
        this.json = json;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /**
     * Must run inside the transaction that applies the notification's event: the notification is sent
     * as that transaction commits, after the ones announced before it in the transaction.
     */
    public void announce(Notification notification) {
        try {
            notifications.add(payload(notification));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot announce notification " + notification.id(), e);
        }
    }

    /** In the order given: a function scan of the array yields its elements in order. */
    private void send(List<String> payloads) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement notify = connection.prepareStatement(NOTIFY_ALL)) {
            notify.setString(1, CHANNEL);
            notify.setArray(2, connection.createArrayOf("text", payloads.toArray()));
            notify.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot announce " + payloads.size() + " notifications: " + e.getMessage(), e);
        }
    }

    /** The notification as JSON, its message shortened if the whole would not fit in a NOTIFY. */
    String payload(Notification notification) throws JsonProcessingException {
        String text = json.writeValueAsString(notification);
        Notification shorter = notification;
        while (text.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            int excess = text.getBytes(StandardCharsets.UTF_8).length - MAX_PAYLOAD_BYTES;
            String message = shorter.message();
            String title = shorter.title();
            if (message != null && message.length() > 1) {
                // a character is at most 3 bytes in JSON's UTF-8 (a Chinese one), 6 as an escape
                message = message.substring(0, Math.max(1, message.length() - Math.max(excess / 3, 1) - 1)) + "…";
            } else if (title != null && title.length() > 1) {
                title = title.substring(0, Math.max(1, title.length() - Math.max(excess / 3, 1) - 1)) + "…";
            } else {
                throw new IllegalStateException("notification " + notification.id() + " does not fit in a NOTIFY");
            }
            shorter = new Notification(shorter.id(), shorter.type(), shorter.label(), shorter.taskId(), title,
                    shorter.regionCode(), shorter.requesterUnit(), shorter.responsibleUnit(), shorter.coUnits(), message,
                    shorter.at());
            text = json.writeValueAsString(shorter);
        }
        return text;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        listener = new Thread(this::listen, "dual-list-notification-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        stopped.countDown();
        if (listener != null) {
            listener.join(POLL.multipliedBy(4).toMillis());
        }
    }

    private void listen() {
        Duration backoff = Duration.ofMillis(500);
        while (running) {
            // A connection of its own, outside the pool: it stays open and LISTENing for the service's life.
            try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                backoff = Duration.ofMillis(500);
                while (running) {
                    PGNotification[] received = postgres.getNotifications((int) POLL.toMillis());
                    if (received == null) {
                        continue;
                    }
                    for (PGNotification notification : received) {
                        deliver(notification.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    // notifications sent meanwhile are missed: streams are live only, the lists have everything
                    LOG.warnf("Listening for notifications failed (%s); listening again in %s", e.getMessage(), backoff);
                    pause(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
        }
    }

    private void deliver(String payload) {
        try {
            hub.publish(json.readValue(payload, Notification.class));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("Dropping a notification that cannot be read: %s", e.getMessage());
        }
    }

    private void pause(Duration duration) {
        try {
            stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
