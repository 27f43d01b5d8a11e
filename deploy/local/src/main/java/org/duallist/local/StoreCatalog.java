package org.duallist.local;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What PostgreSQL's catalog says about a service's schema: its tables, their columns, sequences and migrations. */
final class StoreCatalog {

    static final String FLYWAY_HISTORY = "flyway_schema_history";

    private StoreCatalog() {
    }

    /** The schema's tables, every table after the tables it references (then by name). */
    static List<String> tablesInDependencyOrder(Connection connection, String schema) throws SQLException {
        Set<String> tables = new TreeSet<>(names(connection, schema, "r"));
        Map<String, Set<String>> referenced = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT child.relname, parent.relname
                FROM pg_constraint k
                JOIN pg_class child ON child.oid = k.conrelid
                JOIN pg_class parent ON parent.oid = k.confrelid
                JOIN pg_namespace n ON n.oid = child.relnamespace
                WHERE k.contype = 'f' AND n.nspname = ?""")) {
            query.setString(1, schema);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (!rows.getString(1).equals(rows.getString(2))) {
                        referenced.computeIfAbsent(rows.getString(1), t -> new HashSet<>()).add(rows.getString(2));
                    }
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        Set<String> remaining = new TreeSet<>(tables);
        while (!remaining.isEmpty()) {
            String next = remaining.stream()
                    .filter(t -> !referenced.containsKey(t) || ordered.containsAll(referenced.get(t)))
                    .findFirst()
                    .orElseThrow(() -> new SQLException("the foreign keys of schema " + schema + " form a cycle among " + remaining));
            ordered.add(next);
            remaining.remove(next);
        }
        return ordered;
    }

    static List<String> sequences(Connection connection, String schema) throws SQLException {
        return names(connection, schema, "S");
    }

    /** The columns a COPY reads and writes (generated columns excluded), in table order. */
    static List<String> columns(Connection connection, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT a.attname FROM pg_attribute a
                WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                ORDER BY a.attnum""")) {
            query.setString(1, qualified(schema, table));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }

    /** The schema's applied migrations in order; empty if Flyway never ran there. */
    static List<BackupManifest.Migration> flywayHistory(Connection connection, String schema) throws SQLException {
        if (!names(connection, schema, "r").contains(FLYWAY_HISTORY)) {
            return List.of();
        }
        List<BackupManifest.Migration> history = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT version, description, type, checksum, success FROM "
                + qualified(schema, FLYWAY_HISTORY) + " ORDER BY installed_rank");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                int checksum = rows.getInt(4);
                history.add(new BackupManifest.Migration(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.wasNull() ? null : checksum, rows.getBoolean(5)));
            }
        }
        return history;
    }

    /** The migrations that shape the tables: successful ones that ran a script (not a baseline marker). */
    static List<String> appliedScripts(List<BackupManifest.Migration> history) {
        return history.stream()
                .filter(m -> m.success() && m.checksum() != null && !"BASELINE".equals(m.type()))
                .map(m -> "V" + m.version() + " (" + m.description() + ", checksum " + m.checksum() + ")")
                .toList();
    }

    private static List<String> names(Connection connection, String schema, String kind) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind = ? ORDER BY c.relname""")) {
            query.setString(1, schema);
            query.setString(2, kind);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String columnList(List<String> columns) {
        return "(" + String.join(", ", columns.stream().map(StoreCatalog::quote).toList()) + ")";
    }
}
