package org.duallist.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * How far each command service's publisher is from the end of its event store: the position it
 * keeps in {@code tokenentry} (Axon's gap-aware token: the highest global index sent, and the
 * lower ones not yet committed when it passed them) against the store's events. The consumer lag
 * only sees what reached Kafka: an event stored while the publisher waits out a broker fault is
 * not behind on any topic yet, and a check that ran then would count it as lost.
 */
public final class PublisherLag {

    /** The schemas of the services that store events, each with a publisher. */
    public static final List<String> STORES = List.of("registration", "progress", "supervision");
    private static final String PUBLISHER = "kafka-publisher";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A publisher's position: every event up to {@code index} sent, but those in {@code gaps}. */
    public record Position(long index, SortedSet<Long> gaps) {
        static final Position NOTHING_SENT = new Position(-1, new TreeSet<>());

        public boolean covers(long globalIndex) {
            return globalIndex <= index && !gaps.contains(globalIndex);
        }

        /** Reads Axon's serialized {@code GapAwareTrackingToken} ({@code {"index":…,"gaps":[…]}}); null is nothing sent. */
        static Position ofToken(byte[] token) throws IOException {
            if (token == null) {
                return NOTHING_SENT;
            }
            JsonNode json = JSON.readTree(token);
            SortedSet<Long> gaps = new TreeSet<>();
            json.path("gaps").forEach(gap -> gaps.add(gap.asLong()));
            return new Position(json.path("index").asLong(-1), gaps);
        }
    }

    private final DataSource database;

    public PublisherLag(DataSource database) {
        this.database = database;
    }

    /** Waits until every publisher has sent every event stored (at most {@code timeout}); the stores still short of that, if any. */
    public List<String> awaitPublished(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> behind = behind();
            if (behind.isEmpty() || System.nanoTime() >= deadline) {
                return behind;
            }
            Thread.sleep(500);
        }
    }

    /** The stores whose publisher has not sent all their events, each with how many are left. */
    public List<String> behind() throws IOException {
        List<String> behind = new ArrayList<>();
        try (Connection connection = database.getConnection()) {
            for (String schema : STORES) {
                Position position = position(connection, schema);
                long unsent;
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM " + schema + ".domainevententry WHERE globalindex > ? OR globalindex = ANY (?)")) {
                    select.setLong(1, position.index());
                    select.setArray(2, connection.createArrayOf("bigint", position.gaps().toArray()));
                    try (ResultSet row = select.executeQuery()) {
                        row.next();
                        unsent = row.getLong(1);
                    }
                }
                if (unsent > 0) {
                    behind.add(schema + ": " + unsent + " stored events not yet sent (publisher at " + position.index() + ")");
                }
            }
        } catch (SQLException e) {
            throw new IOException("reading the publishers' positions failed: " + e.getMessage(), e);
        }
        return behind;
    }

    /** The publisher's position in one service's event store. */
    public Position position(Connection connection, String schema) throws SQLException, IOException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT token FROM " + schema + ".tokenentry WHERE processorname = ?")) {
            select.setString(1, PUBLISHER);
            try (ResultSet row = select.executeQuery()) {
                return Position.ofToken(row.next() ? row.getBytes(1) : null);
            }
        }
    }
}
