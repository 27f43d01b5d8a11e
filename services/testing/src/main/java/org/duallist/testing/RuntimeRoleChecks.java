package org.duallist.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * What a service's database role may do in its own schema, tried with the service's own connections
 * (its injected {@link DataSource}): the trail (event store, audit tables) can be appended to and
 * read but not rewritten, and nothing in the schema can be created, altered or dropped. PostgreSQL
 * refuses such a statement with SQLState {@value #INSUFFICIENT_PRIVILEGE} (insufficient_privilege).
 */
public final class RuntimeRoleChecks {

    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final List<String> TABLE_PRIVILEGES =
            List.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER");

    private RuntimeRoleChecks() {
    }

    /**
     * A row of an append-only table and how to find it again.
     *
     * @param table   the table
     * @param column  a column an UPDATE tries to set (to its own value)
     * @param where   the condition that selects the inserted row
     * @param inserts the INSERT of the row, after any rows it refers to
     */
    public record TrailRow(String table, String column, String where, String... inserts) {
    }

    /** The role the connections log in as. */
    public static String currentUser(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_user")) {
            row.next();
            return row.getString(1);
        }
    }

    /**
     * Every table of the connection's schema with the table privileges its role holds there, by grant
     * to it or to PUBLIC; an empty set for a table it may not touch.
     */
    public static Map<String, Set<String>> tablePrivileges(DataSource dataSource) throws SQLException {
        Map<String, Set<String>> privileges = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT c.relname, p.privilege, has_table_privilege(current_user, c.oid, p.privilege)
                     FROM pg_class c
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                     CROSS JOIN unnest(ARRAY['%s']) AS p (privilege)
                     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"""
                     .formatted(String.join("', '", TABLE_PRIVILEGES)))) {
            while (rows.next()) {
                Set<String> held = privileges.computeIfAbsent(rows.getString(1), table -> new TreeSet<>());
                if (rows.getBoolean(3)) {
                    held.add(rows.getString(2));
                }
            }
        }
        return privileges;
    }

    /**
     * Inserts the row and reads it back, then tries UPDATE, DELETE and TRUNCATE on the table and
     * expects each to be refused for lack of privilege; everything is rolled back at the end, so that
     * no test row stays behind (an event store row would be published).
     */
    public static void assertAppendOnly(DataSource dataSource, TrailRow row) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String insert : row.inserts()) {
                    assertThat(statement.executeUpdate(insert)).as(insert).isEqualTo(1);
                }
                try (ResultSet count = statement.executeQuery(
                        "SELECT count(*) FROM " + row.table() + " WHERE " + row.where())) {
                    count.next();
                    assertThat(count.getLong(1)).as("the row just inserted into " + row.table()).isEqualTo(1);
                }
                assertRefused(connection, "UPDATE " + row.table() + " SET " + row.column() + " = " + row.column()
                        + " WHERE " + row.where());
                assertRefused(connection, "DELETE FROM " + row.table() + " WHERE " + row.where());
                assertRefused(connection, "TRUNCATE " + row.table());
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * The role may use its schema but not create anything in it, and may neither alter nor drop
     * {@code existingTable}, nor take on the role of the schema's owner.
     */
    public static void assertCannotChangeSchema(DataSource dataSource, String existingTable, String ownerRole)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement();
                 ResultSet rights = statement.executeQuery("""
                         SELECT has_schema_privilege(current_user, current_schema(), 'USAGE'),
                                has_schema_privilege(current_user, current_schema(), 'CREATE')""")) {
                rights.next();
                assertThat(rights.getBoolean(1)).as("USAGE on its schema").isTrue();
                assertThat(rights.getBoolean(2)).as("CREATE on its schema").isFalse();
            }
            connection.setAutoCommit(false);
            try {
                assertRefused(connection, "CREATE TABLE intruder (id INTEGER)");
                assertRefused(connection, "CREATE VIEW intruder AS SELECT 1 AS id");
                assertRefused(connection, "CREATE SEQUENCE intruder");
                assertRefused(connection, "ALTER TABLE " + existingTable + " ADD COLUMN intruder INTEGER");
                assertRefused(connection, "ALTER TABLE " + existingTable + " DISABLE TRIGGER ALL");
                assertRefused(connection, "CREATE INDEX intruder ON " + existingTable + " ((1))");
                assertRefused(connection, "DROP TABLE " + existingTable);
                assertRefused(connection, "SET ROLE " + ownerRole);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private static void assertRefused(Connection connection, String sql) throws SQLException {
        Savepoint before = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            fail("the service's role could run: " + sql);
        } catch (SQLException refused) {
            assertThat(refused.getSQLState()).as(sql + " → " + refused.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE);
        }
        connection.rollback(before);
    }
}
