package org.duallist.platform.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells a projection whether the event it applies is being replayed by a read-model rebuild
 * ({@code ./dual-list rebuild}), so that what must happen once per event in the world — a webhook
 * post, a live notification — does not happen again. The rebuild writes, into the service's own
 * schema, how far each partition reached when it began ({@code replay_boundary}); records below
 * that offset are replays.
 */
public final class EventReplay {

    /** Written by the rebuild tool; absent until a service's read model has been rebuilt once. */
    public static final String BOUNDARY_TABLE = "replay_boundary";
    private static final ThreadLocal<Boolean> REPLAYING = ThreadLocal.withInitial(() -> false);

    private final Map<TopicPartition, Long> boundary;

    private EventReplay(Map<TopicPartition, Long> boundary) {
        this.boundary = boundary;
    }

    /** True while the current thread applies an event that a rebuild replays. */
    public static boolean isReplaying() {
        return REPLAYING.get();
    }

    static EventReplay load(DataSource dataSource) {
        Map<TopicPartition, Long> boundary = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                exists.setString(1, BOUNDARY_TABLE);
                try (ResultSet row = exists.executeQuery()) {
                    if (!row.next() || !row.getBoolean(1)) {
                        return new EventReplay(Map.of());
                    }
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT topic, kafka_partition, end_offset FROM " + BOUNDARY_TABLE);
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    boundary.put(new TopicPartition(rows.getString(1), rows.getInt(2)), rows.getLong(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + BOUNDARY_TABLE, e);
        }
        return new EventReplay(Map.copyOf(boundary));
    }

    void applying(ConsumerRecord<?, ?> record, Runnable apply) {
        Long end = boundary.get(new TopicPartition(record.topic(), record.partition()));
        REPLAYING.set(end != null && record.offset() < end);
        try {
            apply.run();
        } finally {
            REPLAYING.remove();
        }
    }
}
