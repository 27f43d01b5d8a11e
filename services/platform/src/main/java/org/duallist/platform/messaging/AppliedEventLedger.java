package org.duallist.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.duallist.contracts.EventEnvelope;

/**
 * Remembers, per producing service and task, the last event sequence a service has applied, in
 * the service's own schema. Kafka delivers at least once; this makes each event apply at most
 * once, because the record is written in the same transaction as the projection's change. The
 * table {@code applied_event_sequence} comes from each consuming service's Flyway migrations.
 *
 * <p>An event applies only right after its predecessor. A producing service's event store numbers a
 * task's events 0, 1, 2, … with no gap, it publishes every one of them (those a consumer does not know
 * included) to one topic, keyed by task, and its publisher re-sends from the first record Kafka did not
 * acknowledge. Yet Kafka may hold a task's later event before an earlier one: a broker that crashed with
 * the earlier record unwritten and came back without the producer's state appends the later request
 * that was already in flight. Such an event is {@link Verdict#AHEAD_OF_PREDECESSOR}: it is left
 * unapplied, and applies when the publisher's re-send brings it again after its predecessor. Taking the
 * highest sequence seen instead would pass over the predecessor for good, on every replay too.
 *
 * <p>A poll's events are marked in two statements whatever their number, not one per event: a
 * rebuild replays hundreds of thousands of them.
 */
@ApplicationScoped
public class AppliedEventLedger {

    /** Lower than any sequence (Axon's start at 0): a row that only this transaction has created so far. */
    private static final long NOTHING_APPLIED = -1;

    /**
     * Reads and locks the row of every stream and task of the poll, creating the missing ones: a
     * concurrent consumer (a replica during a rebalance) that holds or inserts the same row makes this
     * wait until it commits, and the row then reads what it applied. The update changes nothing; it is
     * there for the lock and for RETURNING, which gives the row as it stands.
     *
     * <p>Both statements are INSERT … ON CONFLICT, which finds each row by the primary key, one probe per
     * row, whatever the planner knows of the table. Joins of the table with the poll's keys (as before)
     * were planned from statistics that a rebuild's TRUNCATE throws away: in one rebuild of 10,000 tasks
     * the consumer spent 55 s in them, 420 events/s where other runs did 1,700.
     */
    private static final String LOCK_OR_CREATE = """
            INSERT INTO applied_event_sequence AS a (stream, subject, last_sequence)
            SELECT stream, subject, ? FROM unnest(?::varchar[], ?::varchar[]) AS k(stream, subject)
            ORDER BY stream, subject
            ON CONFLICT (stream, subject) DO UPDATE SET last_sequence = a.last_sequence
            RETURNING a.stream, a.subject, a.last_sequence""";
    private static final String ADVANCE = """
            INSERT INTO applied_event_sequence AS a (stream, subject, last_sequence)
            SELECT stream, subject, last_sequence
            FROM unnest(?::varchar[], ?::varchar[], ?::bigint[]) AS k(stream, subject, last_sequence)
            ORDER BY stream, subject
            ON CONFLICT (stream, subject) DO UPDATE SET last_sequence = EXCLUDED.last_sequence, applied_at = now()
            WHERE a.last_sequence < EXCLUDED.last_sequence""";

    private final DataSource dataSource;

    AppliedEventLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Where an event stands in its producing service's sequence of a task's events. */
    public record Position(String stream, String subject, long sequence) {
        public static Position of(EventEnvelope event) {
            return new Position(event.source(), event.subject(), event.sequence());
        }
    }

    /** What the ledger made of an event. */
    public enum Verdict {
        /** The next of its task's stream: it counts as applied now, and is to be applied in this transaction. */
        NEXT,
        /** Applied before (delivered again after a retry or a rebalance, or twice in one poll). */
        APPLIED_BEFORE,
        /** Its predecessor has not been applied: it reached Kafka ahead of it, and comes again after it. */
        AHEAD_OF_PREDECESSOR
    }

    /**
     * Must run inside the transaction that applies the events. Decides for each event, in the given
     * order, as one call per event would: an event is {@link Verdict#NEXT} when its sequence is the one
     * after the last applied of its stream and task, counting those before it in the list.
     *
     * @return the verdict on each event, in the given order
     */
    public List<Verdict> markApplied(List<Position> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Map<StreamSubject, Long> last = new TreeMap<>();
        events.forEach(event -> last.put(new StreamSubject(event.stream(), event.subject()), NOTHING_APPLIED));
        try (Connection connection = dataSource.getConnection()) {
            String[] streams = last.keySet().stream().map(StreamSubject::stream).toArray(String[]::new);
            String[] subjects = last.keySet().stream().map(StreamSubject::subject).toArray(String[]::new);
            try (PreparedStatement lock = connection.prepareStatement(LOCK_OR_CREATE)) {
                lock.setLong(1, NOTHING_APPLIED);
                lock.setArray(2, connection.createArrayOf("varchar", streams));
                lock.setArray(3, connection.createArrayOf("varchar", subjects));
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        last.put(new StreamSubject(rows.getString(1), rows.getString(2)), rows.getLong(3));
                    }
                }
            }
            Map<StreamSubject, Long> before = new HashMap<>(last);
            List<Verdict> verdicts = new ArrayList<>(events.size());
            for (Position event : events) {
                StreamSubject key = new StreamSubject(event.stream(), event.subject());
                long lastApplied = last.get(key);
                if (event.sequence() <= lastApplied) {
                    verdicts.add(Verdict.APPLIED_BEFORE);
                } else if (event.sequence() == lastApplied + 1) {
                    last.put(key, event.sequence());
                    verdicts.add(Verdict.NEXT);
                } else {
                    verdicts.add(Verdict.AHEAD_OF_PREDECESSOR);
                }
            }
            advance(connection, last, before);
            return verdicts;
        } catch (SQLException e) {
            Position first = events.get(0);
            throw new IllegalStateException("cannot record " + events.size() + " applied events (first " + first.stream()
                    + " " + first.subject() + " #" + first.sequence() + ")", e);
        }
    }

    private static void advance(Connection connection, Map<StreamSubject, Long> last, Map<StreamSubject, Long> before)
            throws SQLException {
        List<String> streams = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        last.forEach((key, sequence) -> {
            if (sequence > before.get(key)) {
                streams.add(key.stream());
                subjects.add(key.subject());
                sequences.add(sequence);
            }
        });
        if (streams.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(ADVANCE)) {
            Array streamArray = connection.createArrayOf("varchar", streams.toArray());
            update.setArray(1, streamArray);
            update.setArray(2, connection.createArrayOf("varchar", subjects.toArray()));
            update.setArray(3, connection.createArrayOf("bigint", sequences.toArray()));
            int advanced = update.executeUpdate();
            if (advanced != streams.size()) {
                // the rows are locked by this transaction: nothing else can have moved them
                throw new IllegalStateException("advanced " + advanced + " of " + streams.size() + " applied-event rows");
            }
        }
    }

    private record StreamSubject(String stream, String subject) implements Comparable<StreamSubject> {
        @Override
        public int compareTo(StreamSubject other) {
            int byStream = stream.compareTo(other.stream);
            return byStream != 0 ? byStream : subject.compareTo(other.subject);
        }
    }
}
