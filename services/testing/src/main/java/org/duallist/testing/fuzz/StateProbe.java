package org.duallist.testing.fuzz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.duallist.testing.DualListTestStack;

/**
 * What the fuzzer compares before and after each request: a number that grows with every change
 * of the service's state, such as the rows of its event store.
 */
@FunctionalInterface
public interface StateProbe {

    long read() throws SQLException;

    /**
     * The rows of these tables of a schema, summed, over one superuser connection of the test
     * stack; a table not created yet counts as empty.
     */
    static StateProbe rowsOf(String schema, String... tables) {
        List<String> names = List.of(tables);
        return new StateProbe() {
            private final Set<String> existing = new LinkedHashSet<>();
            private Connection connection;

            @Override
            public long read() throws SQLException {
                if (connection == null || connection.isClosed()) {
                    connection = DualListTestStack.adminConnection();
                }
                if (existing.size() < names.size()) {
                    findExisting();
                }
                if (existing.isEmpty()) {
                    return 0;
                }
                String sum = existing.stream().map(table -> "(SELECT count(*) FROM " + schema + "." + table + ")")
                        .collect(Collectors.joining(" + ", "SELECT ", ""));
                try (Statement count = connection.createStatement(); ResultSet result = count.executeQuery(sum)) {
                    result.next();
                    return result.getLong(1);
                }
            }

            /** A table, once there, stays: only the missing ones are looked for again. */
            private void findExisting() throws SQLException {
                for (String table : names) {
                    if (existing.contains(table)) {
                        continue;
                    }
                    try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                        exists.setString(1, schema + "." + table);
                        try (ResultSet result = exists.executeQuery()) {
                            result.next();
                            if (result.getBoolean(1)) {
                                existing.add(table);
                            }
                        }
                    }
                }
            }

            @Override
            public String toString() {
                return "rows of " + names + " in schema " + schema;
            }
        };
    }
}
