package org.duallist.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;

/**
 * The event store and token tables come from each Axon service's Flyway migrations, no longer from
 * Axon at run time: this compares them with what Axon's own Postgres factories create in a scratch
 * schema (columns, types, nullability, defaults, keys), so that an Axon upgrade that changes its
 * tables shows up here.
 */
public final class AxonTables {

    public static final List<String> TABLES = List.of("domainevententry", "snapshotevententry", "tokenentry");

    private AxonTables() {
    }

    /** A made-up event and snapshot: rows of the two tables of the trail, to try to rewrite. */
    public static List<RuntimeRoleChecks.TrailRow> trailRows() {
        return List.of(eventRow("domainevententry"), eventRow("snapshotevententry"));
    }

    private static RuntimeRoleChecks.TrailRow eventRow(String table) {
        String id = "privilege-check-" + UUID.randomUUID();
        return new RuntimeRoleChecks.TrailRow(table, "payload", "eventidentifier = '" + id + "'",
                "INSERT INTO " + table + " (aggregateidentifier, sequencenumber, type, eventidentifier, payload, payloadtype,"
                        + " timestamp)"
                        + " VALUES ('" + id + "', 0, 'PrivilegeCheck', '" + id + "', convert_to('{}', 'UTF8'),"
                        + " 'java.lang.String', '2026-01-01T00:00:00Z')");
    }

    public static void assertMigratedAsAxonCreatesThem(String schema) throws SQLException {
        String reference = "axon_reference";
        try (Connection admin = DualListTestStack.adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + reference + " CASCADE");
            statement.execute("CREATE SCHEMA " + reference);
            try {
                admin.setSchema(reference);
                EventSchema events = EventSchema.builder().build();
                try (PreparedStatement create = PostgresEventTableFactory.INSTANCE.createDomainEventTable(admin, events)) {
                    create.execute();
                }
                try (PreparedStatement create = PostgresEventTableFactory.INSTANCE.createSnapshotEventTable(admin, events)) {
                    create.execute();
                }
                try (PreparedStatement create = PostgresTokenTableFactory.INSTANCE.createTable(admin, TokenSchema.builder().build())) {
                    create.execute();
                }
                for (String table : TABLES) {
                    List<String> axon = shape(admin, reference, table);
                    assertThat(axon).as("Axon's " + table).isNotEmpty();
                    assertThat(shape(admin, schema, table)).as(schema + "." + table).isEqualTo(axon);
                }
            } finally {
                statement.execute("DROP SCHEMA IF EXISTS " + reference + " CASCADE");
            }
        }
    }

    /** Columns in order, then constraints and indexes by name, with the schema's name taken out. */
    private static List<String> shape(Connection connection, String schema, String table) throws SQLException {
        List<String> shape = new ArrayList<>();
        try (PreparedStatement columns = connection.prepareStatement("""
                SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
                FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position""")) {
            columns.setString(1, schema);
            columns.setString(2, table);
            try (ResultSet rows = columns.executeQuery()) {
                while (rows.next()) {
                    shape.add("column " + rows.getString(1) + " " + rows.getString(2) + "(" + rows.getObject(3) + ")"
                            + " nullable=" + rows.getString(4) + " default=" + unqualified(rows.getString(5), schema));
                }
            }
        }
        try (PreparedStatement constraints = connection.prepareStatement("""
                SELECT c.conname, pg_get_constraintdef(c.oid)
                FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ? AND t.relname = ? ORDER BY c.conname""")) {
            constraints.setString(1, schema);
            constraints.setString(2, table);
            try (ResultSet rows = constraints.executeQuery()) {
                while (rows.next()) {
                    shape.add("constraint " + rows.getString(1) + " " + rows.getString(2));
                }
            }
        }
        try (PreparedStatement indexes = connection.prepareStatement(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = ? AND tablename = ? ORDER BY indexname")) {
            indexes.setString(1, schema);
            indexes.setString(2, table);
            try (ResultSet rows = indexes.executeQuery()) {
                while (rows.next()) {
                    shape.add("index " + rows.getString(1) + " " + unqualified(rows.getString(2), schema));
                }
            }
        }
        return shape;
    }

    private static String unqualified(String sql, String schema) {
        return sql == null ? null : sql.replace(schema + ".", "");
    }
}
