package org.duallist.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roles and schemas the launcher sets up, on a fresh data dir and on one from before the owner roles. */
class PostgresServerTest {

    private static final ServiceDefinition SERVICE = ServiceDefinition.REGISTRATION;

    @TempDir
    Path dataDir;

    private PostgresServer postgres;

    @AfterEach
    void stop() {
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void each_schema_belongs_to_its_owner_role_and_both_roles_log_in_with_their_own_passwords() throws Exception {
        StackConfig config = config();
        postgres = start(config);

        assertThat(ownersOf(SERVICE.schema())).containsExactly("schema " + SERVICE.schema() + " " + SERVICE.ownerRole());
        try (Connection owner = DriverManager.getConnection(config.jdbcUrl(SERVICE), SERVICE.ownerRole(),
                postgres.ownerPassword(SERVICE));
             Connection service = DriverManager.getConnection(config.jdbcUrl(SERVICE), SERVICE.role(),
                     postgres.password(SERVICE))) {
            assertThat(single(owner, "SELECT current_user")).isEqualTo(SERVICE.ownerRole());
            assertThat(single(service, "SELECT current_user")).isEqualTo(SERVICE.role());
            assertThat(single(service, "SELECT has_schema_privilege(current_user, '" + SERVICE.schema() + "', 'CREATE')"))
                    .isEqualTo("f");
            assertThat(single(service, "SELECT has_database_privilege(current_user, current_database(), 'TEMPORARY')"))
                    .isEqualTo("f");
        }
    }

    @Test
    void a_data_dir_whose_service_roles_owned_their_schemas_is_handed_to_the_owner_roles_on_start() throws Exception {
        StackConfig config = config();
        postgres = start(config);
        // What the launcher left before the owner roles: the service's role owned its schema and created
        // every table in it, Flyway's history and Axon's event store (with its sequence) among them.
        try (Connection admin = postgres.superuserDataSource().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("ALTER SCHEMA " + SERVICE.schema() + " OWNER TO " + SERVICE.role());
            statement.execute("GRANT TEMPORARY ON DATABASE " + PostgresServer.DATABASE + " TO " + SERVICE.role());
            statement.execute("SET ROLE " + SERVICE.role());
            statement.execute("CREATE TABLE " + SERVICE.schema() + ".flyway_schema_history (installed_rank INT PRIMARY KEY)");
            statement.execute("CREATE TABLE " + SERVICE.schema() + ".domainevententry (globalindex BIGSERIAL PRIMARY KEY)");
            statement.execute("RESET ROLE");
        }
        assertThat(ownersOf(SERVICE.schema())).contains("table domainevententry " + SERVICE.role());
        postgres.stop();

        postgres = start(config);

        assertThat(ownersOf(SERVICE.schema())).containsExactlyInAnyOrder(
                "schema " + SERVICE.schema() + " " + SERVICE.ownerRole(),
                "table flyway_schema_history " + SERVICE.ownerRole(),
                "table domainevententry " + SERVICE.ownerRole(),
                "sequence domainevententry_globalindex_seq " + SERVICE.ownerRole(),
                "index flyway_schema_history_pkey " + SERVICE.ownerRole(),
                "index domainevententry_pkey " + SERVICE.ownerRole());
        try (Connection admin = postgres.superuserDataSource().getConnection()) {
            // the service's migrations grant what it needs; until they run, it has nothing
            assertThat(single(admin, "SELECT has_schema_privilege('" + SERVICE.role() + "', '" + SERVICE.schema()
                    + "', 'USAGE') OR has_table_privilege('" + SERVICE.role() + "', '" + SERVICE.schema()
                    + ".domainevententry', 'INSERT')")).isEqualTo("f");
            assertThat(single(admin, "SELECT has_database_privilege('" + SERVICE.role() + "', current_database(), 'TEMPORARY')"))
                    .isEqualTo("f");
        }
    }

    private StackConfig config() throws IOException {
        return StackConfig.defaults(Path.of("").toAbsolutePath()).withDataDir(dataDir).withPorts(freePort(), freePort());
    }

    private static PostgresServer start(StackConfig config) throws IOException {
        PostgresServer server = new PostgresServer(config, StackProperties.load(config.dataDir().resolve("stack.properties")));
        server.start();
        return server;
    }

    /** "kind name owner" of the schema and of everything in it. */
    private List<String> ownersOf(String schema) throws SQLException {
        List<String> owners = new ArrayList<>();
        try (Connection admin = postgres.superuserDataSource().getConnection(); Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT 'schema', nspname, pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = '%1$s'
                     UNION ALL
                     SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'S' THEN 'sequence' WHEN 'i' THEN 'index' ELSE c.relkind::text END,
                            c.relname, pg_get_userbyid(c.relowner)
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '%1$s'"""
                     .formatted(schema))) {
            while (rows.next()) {
                owners.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
            }
        }
        return owners;
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
