package org.duallist.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.duallist.contracts.EventEnvelope;

/**
 * Remembers, per producing service and task, the last event sequence a service has applied, in
 * the service's own schema. Kafka delivers at least once; this makes each event apply at most
 * once, because the record is written in the same transaction as the projection's change. The
 * table {@code applied_event_sequence} comes from each consuming service's Flyway migrations.
 */
@ApplicationScoped
public class AppliedEventLedger {

    /** Inserts or advances the sequence, and returns a row only when the event is new. */
    private static final String ADVANCE = """
            INSERT INTO applied_event_sequence AS a (stream, subject, last_sequence) VALUES (?, ?, ?)
            ON CONFLICT (stream, subject) DO UPDATE
                SET last_sequence = EXCLUDED.last_sequence, applied_at = now()
                WHERE a.last_sequence < EXCLUDED.last_sequence
            RETURNING a.last_sequence""";

    private final DataSource dataSource;

    AppliedEventLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Must run inside the transaction that applies the event.
     *
     * @return true when the event had not been applied before and now counts as applied
     */
    public boolean markApplied(EventEnvelope event) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ADVANCE)) {
            statement.setString(1, event.source());
            statement.setString(2, event.subject());
            statement.setLong(3, event.sequence());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record applied event " + event.id(), e);
        }
    }
}
