package org.duallist.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Embedded PostgreSQL 17 (zonky) on {@code <data>/postgres}, durable (fsync and synchronous commit
 * on), with database {@code duallist} and, for every service, a schema of the same name and two login
 * roles with passwords of their own: {@code <service>_owner} owns the schema and every table in it and
 * runs the service's migrations, which grant {@code <service>}, the role the service runs as, what its
 * code needs (the event store: append and read only). No role but the superuser may use another
 * service's schema.
 */
public final class PostgresServer {

    public static final String DATABASE = "duallist";

    private final StackConfig config;
    private final StackProperties properties;
    private EmbeddedPostgres postgres;
    private long postmasterPid = -1;

    /** The running postmaster's pid (its backends are its children), or -1 when it is not running. */
    public long postmasterPid() {
        return postmasterPid;
    }

    PostgresServer(StackConfig config, StackProperties properties) {
        this.config = config;
        this.properties = properties;
    }

    public Path dataDirectory() {
        return config.dataDir().resolve("postgres");
    }

    public synchronized void start() throws IOException {
        if (postgres != null) {
            throw new IllegalStateException("PostgreSQL is already running");
        }
        Path dataDirectory = dataDirectory();
        Path binaries = config.dataDir().resolve("pg-bin");
        Files.createDirectories(binaries);
        Files.createDirectories(config.logDir());
        stopOrphan(dataDirectory);
        java.io.File log = config.logFile("postgres").toFile();
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false) // the stack stops it, after the services
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPort(config.pgPort())
                // zonky runs without durability by default (-F, synchronous_commit=off)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .setLocaleConfig("locale", "C")
                .setPGStartupWait(Duration.ofSeconds(120)) // crash recovery after a kill may take a while
                .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log))
                .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log))
                .setDataDirectoryCustomizer(PostgresServer::writeHostBasedAuthentication)
                .start();
        postmasterPid = readPostmasterPid(dataDirectory).orElse(-1L);
        try {
            createDatabaseAndRoles();
        } catch (SQLException e) {
            throw new IOException("cannot set up database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    /** Password authentication for every role but the superuser, which zonky itself uses. */
    private static void writeHostBasedAuthentication(java.io.File dataDirectory) {
        String hba = """
                # Written by the Dual List launcher on every start.
                # TYPE  DATABASE  USER      ADDRESS        METHOD
                local   all       postgres                 trust
                host    all       postgres  127.0.0.1/32   trust
                host    all       postgres  ::1/128        trust
                local   all       all                      scram-sha-256
                host    all       all       127.0.0.1/32   scram-sha-256
                host    all       all       ::1/128        scram-sha-256
                """;
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createDatabaseAndRoles() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                statement.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
            }
            statement.execute("REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC");
            for (ServiceDefinition service : ServiceDefinition.values()) {
                String role = quote(service.role());
                String owner = quote(service.ownerRole());
                createOrUpdateLoginRole(connection, service.role(), properties.passwordOf(service));
                createOrUpdateLoginRole(connection, service.ownerRole(), properties.ownerPasswordOf(service));
                statement.execute("GRANT CONNECT ON DATABASE " + DATABASE + " TO " + role + ", " + owner);
                // the role a service runs as creates nothing, not even temporary tables
                statement.execute("REVOKE TEMPORARY ON DATABASE " + DATABASE + " FROM " + role);
            }
        }
        try (Connection connection = postgres.getDatabase("postgres", DATABASE).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            for (ServiceDefinition service : ServiceDefinition.values()) {
                String role = quote(service.role());
                String owner = quote(service.ownerRole());
                String schema = quote(service.schema());
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + owner);
                // A data dir from before the owner roles: the service's role owned its schema and every
                // table in it (Flyway's and Axon's). Hand them to the owner; the migrations then grant the
                // service's role what it needs. On later starts the service's role owns nothing.
                statement.execute("REASSIGN OWNED BY " + role + " TO " + owner);
                statement.execute("ALTER SCHEMA " + schema + " OWNER TO " + owner);
                statement.execute("REVOKE ALL ON SCHEMA " + schema + " FROM PUBLIC");
                statement.execute("ALTER ROLE " + role + " IN DATABASE " + DATABASE + " SET search_path = " + schema);
                statement.execute("ALTER ROLE " + owner + " IN DATABASE " + DATABASE + " SET search_path = " + schema);
            }
        }
    }

    private static void createOrUpdateLoginRole(Connection connection, String name, String password) throws SQLException {
        String verb = exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", name) ? "ALTER" : "CREATE";
        try (Statement statement = connection.createStatement()) {
            statement.execute(verb + " ROLE " + quote(name) + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '"
                    + password + "'");
        }
    }

    private static boolean exists(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, value);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String quote(String identifier) {
        if (!identifier.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("unexpected SQL identifier " + identifier);
        }
        return "\"" + identifier + "\"";
    }

    /** A data source of the superuser on database {@code duallist}. */
    public synchronized DataSource superuserDataSource() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        return postgres.getDatabase("postgres", DATABASE);
    }

    public String password(ServiceDefinition service) {
        return properties.passwordOf(service);
    }

    public String ownerPassword(ServiceDefinition service) {
        return properties.ownerPasswordOf(service);
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    /**
     * Immediate shutdown, as {@code pg_ctl stop -m immediate} does it (SIGQUIT to the postmaster): every
     * backend ends at once without a checkpoint, a crash as far as the database is concerned. The next
     * {@link #start()} runs crash recovery from the write-ahead log. For fault tests.
     */
    public synchronized void crashImmediately() {
        if (postgres == null) {
            return;
        }
        long pid = postmasterPid;
        EmbeddedPostgres crashed = postgres;
        postgres = null;
        postmasterPid = -1;
        if (pid <= 0) {
            throw new IllegalStateException("the postmaster's pid is unknown");
        }
        ProcessHandle.of(pid).ifPresent(postmaster -> {
            try {
                new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start().waitFor();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ensureGone(postmaster, Duration.ofSeconds(20));
        });
        try {
            // releases the data directory's lock; its request for a fast shutdown finds no server and is logged only
            System.err.println("PostgreSQL crashed on purpose (SIGQUIT); the library's \"Could not stop postmaster\" that may follow is expected");
            crashed.close();
        } catch (IOException e) {
            System.err.println("Releasing the crashed PostgreSQL: " + e.getMessage());
        }
    }

    /** Fast shutdown ({@code pg_ctl stop -m fast}); makes sure the postmaster is gone. */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("Stopping PostgreSQL: " + e.getMessage());
        } finally {
            postgres = null;
        }
        if (postmasterPid > 0) {
            ProcessHandle.of(postmasterPid).ifPresent(handle -> ensureGone(handle, Duration.ofSeconds(20)));
        }
        postmasterPid = -1;
    }

    private static void ensureGone(ProcessHandle postmaster, Duration patience) {
        try {
            postmaster.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception stillRunning) {
            System.err.println("PostgreSQL (pid " + postmaster.pid() + ") did not stop: killing it");
            List<ProcessHandle> children = postmaster.descendants().toList();
            postmaster.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * A postmaster that still runs on this data directory belongs to a launcher that was killed:
     * stop it (fast shutdown on SIGINT) before starting a new one.
     */
    private static void stopOrphan(Path dataDirectory) throws IOException {
        Optional<Long> pid = readPostmasterPid(dataDirectory);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid.get());
        if (handle.isEmpty() || !handle.get().isAlive()
                || !handle.get().info().command().orElse("").endsWith("postgres")) {
            return;
        }
        System.err.println("Stopping PostgreSQL (pid " + pid.get() + ") left behind by an earlier launcher");
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid.get())).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ensureGone(handle.get(), Duration.ofSeconds(30));
    }

    private static Optional<Long> readPostmasterPid(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
