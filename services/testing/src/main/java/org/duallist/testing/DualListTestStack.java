package org.duallist.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.duallist.identity.TokenClaims;

/**
 * The real parts a service's tests run against: an embedded PostgreSQL (zonky binaries) and an
 * in-process KRaft Kafka broker. Started once per test JVM and shared by every test class of the
 * module. As in the local stack, the service gets a schema owned by {@code <schema>_owner}, which runs
 * the Flyway migrations, and runs as role {@code <schema>}, which has only what the migrations grant
 * it (passwords: the role names).
 *
 * <p>Use with {@code @WithTestResource(value = DualListTestStack.class, scope = GLOBAL,
 * initArgs = @ResourceArg(name = "schema", value = "registration"))}.
 */
public class DualListTestStack implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaBroker kafka;
    private String schema = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        schema = initArgs.getOrDefault("schema", schema);
    }

    @Override
    public synchronized Map<String, String> start() {
        startPostgres();
        startKafka();
        createSchema(schema);
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(schema),
                "quarkus.datasource.username", schema,
                "quarkus.datasource.password", schema,
                "quarkus.flyway.username", ownerRole(schema),
                "quarkus.flyway.password", ownerRole(schema),
                "kafka.bootstrap.servers", kafkaBootstrapServers(),
                "mp.jwt.verify.publickey.location", TestTokens.publicKeyFile().toString(),
                "mp.jwt.verify.issuer", TokenClaims.LOCAL_ISSUER);
    }

    @Override
    public synchronized void stop() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            postgres = null;
        }
    }

    public static String kafkaBootstrapServers() {
        return kafka.getAdvertisedListeners().replace("PLAINTEXT://", "");
    }

    public static String jdbcUrl(String schema) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?currentSchema=" + schema;
    }

    /** The role that owns the service's schema and runs its migrations. */
    public static String ownerRole(String schema) {
        return schema + "_owner";
    }

    /** A superuser connection, for tests that inspect tables directly. */
    public static Connection adminConnection() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    private static void startPostgres() {
        if (postgres != null) {
            return;
        }
        try {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    private static void startKafka() {
        if (kafka != null) {
            return;
        }
        kafka = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(freePort())
                .withControllerPort(freePort())
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    p.put("auto.create.topics.enable", "false");
                    p.put("group.initial.rebalance.delay.ms", "0");
                    p.put("offsets.topic.num.partitions", "3");
                })
                .start();
    }

    private static void createSchema(String schema) {
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            createLoginRole(statement, schema);
            createLoginRole(statement, ownerRole(schema));
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + ownerRole(schema));
            statement.execute("REVOKE ALL ON SCHEMA " + schema + " FROM PUBLIC");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
    }

    private static void createLoginRole(Statement statement, String role) throws SQLException {
        statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role
                + "') THEN CREATE ROLE " + role + " LOGIN PASSWORD '" + role + "'; END IF; END $$");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
