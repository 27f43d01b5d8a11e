package org.duallist.local;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code ./dual-list backup DIR}: every service's schema, read in one PostgreSQL snapshot, into
 * {@code DIR/<schema>/<table>.copy} (COPY text format) and {@code DIR/manifest.json}.
 *
 * <p>One snapshot ({@code REPEATABLE READ}) over all four schemas makes the backup consistent across
 * the services: a read model can only hold an event that the producing service's event store held
 * when the snapshot was taken, since the event was committed there before it was published to Kafka,
 * and consumed after that. The running services are not disturbed: the snapshot takes no lock that
 * a service's write waits for.
 *
 * <p>The backup is written into a hidden directory beside {@code DIR} and renamed to {@code DIR} when
 * it is complete, so that a backup cut short never looks like one.
 */
public final class StoreBackup {

    /** The table of a service's event store (Axon's JDBC engine). */
    static final String EVENT_STORE = "domainevententry";

    private StoreBackup() {
    }

    /**
     * Backs up the stores of the data dir {@code config} names. If a stack runs on it, reads its
     * PostgreSQL where that stack says it is (the data dir's lock file); else starts PostgreSQL alone
     * on the data dir, on a free port, and stops it after.
     */
    public static BackupManifest backup(StackConfig config, Path target, PrintStream out) throws IOException {
        Path backup = target.toAbsolutePath().normalize();
        requireEmptyTarget(backup);
        Path dataDir = config.dataDir();
        if (!Files.isDirectory(dataDir.resolve("postgres"))) {
            throw new IOException(dataDir + " holds no database (no postgres/ in it): nothing to back up");
        }
        DataDirLock lock;
        try {
            lock = DataDirLock.acquire(dataDir, List.of("postgres (./dual-list backup) " + config.jdbcUrl()));
        } catch (AlreadyRunningException running) {
            String url = running.urls().stream()
                    .filter(line -> line.startsWith("postgres "))
                    .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .findFirst()
                    .orElseThrow(() -> new IOException("Dual List runs on " + dataDir + " (pid " + running.pid()
                            + ") but its lock file names no PostgreSQL address: " + running.urls()));
            out.println("Dual List runs on " + dataDir + " (pid " + running.pid() + "): backing up its PostgreSQL " + url
                    + " while it runs ...");
            try (Connection connection = superuser(url)) {
                return backup(connection, config, backup, out);
            } catch (SQLException e) {
                throw new IOException("cannot back up " + url + ": " + e.getMessage(), e);
            }
        }
        try (lock) {
            StackConfig alone = FreePorts.assign(config);
            PostgresServer postgres = new PostgresServer(alone, StackProperties.load(dataDir.resolve("stack.properties")));
            out.println("Dual List is not running on " + dataDir + ": starting its PostgreSQL alone (port " + alone.pgPort()
                    + ") to back it up ...");
            postgres.start();
            try (Connection connection = postgres.superuserDataSource().getConnection()) {
                return backup(connection, config, backup, out);
            } catch (SQLException e) {
                throw new IOException("cannot back up " + dataDir + ": " + e.getMessage(), e);
            } finally {
                postgres.stop();
            }
        }
    }

    /** The superuser connects without a password from this machine (the launcher's pg_hba.conf). */
    static Connection superuser(String jdbcUrl) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("ApplicationName", "dual-list backup");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    private static BackupManifest backup(Connection connection, StackConfig config, Path target, PrintStream out)
            throws IOException, SQLException {
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial-" + ProcessHandle.current().pid());
        deleteRecursively(partial);
        Files.createDirectories(partial);
        boolean complete = false;
        try {
            BackupManifest manifest = readSnapshot(connection, config, partial, out);
            manifest.write(partial);
            if (Files.isDirectory(target)) {
                Files.delete(target); // empty, checked before; the rename puts the backup in its place
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            complete = true;
            return manifest;
        } finally {
            if (!complete) {
                deleteRecursively(partial);
            }
        }
    }

    private static BackupManifest readSnapshot(Connection connection, StackConfig config, Path directory, PrintStream out)
            throws IOException, SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            // the first statement of the transaction: every later one reads the same snapshot
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            String takenAt = Instant.now().toString();
            String snapshot = single(statement, "SELECT pg_current_snapshot()::text");
            String version = single(statement, "SHOW server_version");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            List<BackupManifest.Schema> schemas = new ArrayList<>();
            for (ServiceDefinition service : ServiceDefinition.values()) {
                schemas.add(readSchema(connection, copy, service.schema(), directory, out));
            }
            connection.commit();
            return new BackupManifest(BackupManifest.FORMAT, suiteVersion(), suiteCommit(config.repoRoot()), version, takenAt,
                    snapshot, demoMarker(config.dataDir()), schemas);
        } catch (IOException | SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private static BackupManifest.Schema readSchema(Connection connection, CopyManager copy, String schema, Path directory,
                                                    PrintStream out) throws IOException, SQLException {
        Path schemaDirectory = Files.createDirectories(directory.resolve(schema));
        List<BackupManifest.Table> tables = new ArrayList<>();
        for (String table : StoreCatalog.tablesInDependencyOrder(connection, schema)) {
            List<String> columns = StoreCatalog.columns(connection, schema, table);
            String file = schema + "/" + table + ".copy";
            MessageDigest sha256 = sha256();
            long rows;
            try (OutputStream stream = new DigestOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(schemaDirectory.resolve(table + ".copy")), 1 << 16), sha256)) {
                rows = copy.copyOut("COPY " + StoreCatalog.qualified(schema, table) + " " + StoreCatalog.columnList(columns)
                        + " TO STDOUT", stream);
            }
            tables.add(new BackupManifest.Table(table, file, columns, rows, HexFormat.of().formatHex(sha256.digest())));
        }
        // Sequences are outside transactions: read after the tables, each is at least as far as any row read.
        List<BackupManifest.Sequence> sequences = new ArrayList<>();
        for (String sequence : StoreCatalog.sequences(connection, schema)) {
            try (PreparedStatement query = connection.prepareStatement("SELECT last_value, is_called FROM "
                    + StoreCatalog.qualified(schema, sequence));
                 ResultSet row = query.executeQuery()) {
                row.next();
                sequences.add(new BackupManifest.Sequence(sequence, row.getLong(1), row.getBoolean(2)));
            }
        }
        BackupManifest.Schema result = new BackupManifest.Schema(schema, StoreCatalog.flywayHistory(connection, schema),
                tables, sequences);
        long events = result.table(EVENT_STORE).map(BackupManifest.Table::rows).orElse(0L);
        out.printf(Locale.ROOT, "  %-13s %2d tables, %,9d rows%s%n", schema, tables.size(), result.rows(),
                result.table(EVENT_STORE).isPresent() ? String.format(Locale.ROOT, " (event store: %,d events)", events) : "");
        return result;
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static void requireEmptyTarget(Path target) throws IOException {
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new IOException(target + " is a file: name a new or empty directory for the backup");
            }
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(target + " is not empty: name a new or empty directory for the backup");
                }
            }
        }
        Path parent = target.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static String demoMarker(Path dataDir) throws IOException {
        Path marker = dataDir.resolve(DemoLoader.MARKER_FILE);
        return Files.isRegularFile(marker) ? Files.readString(marker, StandardCharsets.UTF_8) : null;
    }

    private static String suiteVersion() {
        String[] version = DualListCommand.class.getAnnotation(picocli.CommandLine.Command.class).version();
        return version.length == 0 ? "unknown" : version[0];
    }

    /** The commit the launcher runs from, or {@code unknown} (no git, or not a checkout). */
    private static String suiteCommit(Path repoRoot) {
        try {
            Process git = new ProcessBuilder("git", "-C", repoRoot.toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(true).start();
            String answer = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && answer.matches("[0-9a-f]{40}")) {
                return answer;
            }
        } catch (IOException e) {
            // no git on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
