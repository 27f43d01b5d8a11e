package org.duallist.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code ./dual-list restore DIR}: a backup of {@code ./dual-list backup} into an empty data dir.
 *
 * <ol>
 *   <li>Starts the stack on the empty data dir the way {@code ./dual-list up} does (on free ports, so
 *       that it never meets a stack on the usual ones): PostgreSQL with the database, the roles and
 *       the schemas, Kafka with a new cluster, and every service once, whose migrations create its
 *       tables, owners and grants and whose start creates the topics.</li>
 *   <li>Stops the services, checks that every schema's migrations are the backup's, and loads every
 *       table with COPY in one transaction (referenced tables first; row count and SHA-256 of every
 *       file checked against the manifest), then sets every sequence to its backed-up value. Any
 *       mismatch rolls all of it back.</li>
 *   <li>Stops the stack; the user starts it with {@code ./dual-list up}.</li>
 * </ol>
 *
 * <p>Kafka is not in the backup: its topics are derived from the event stores. The publisher's
 * position ({@code tokenentry}) is left empty, so on the next start every service's publisher sends
 * every stored event again, in order, to the new broker; every consumer starts at the beginning of
 * the topics (a new consumer group reads from the earliest offset) and skips what its read model had
 * applied by the time of the backup (its applied-event ledger holds the last sequence per task), and
 * applies what it had not applied yet.
 */
public final class StoreRestore {

    /** Tables whose rows are not restored, and why. */
    static final Map<String, String> NOT_RESTORED = Map.of(
            "tokenentry", "the publisher's position in the event store, left empty so that every event is published again to the new Kafka",
            "replay_boundary", "offsets of the old Kafka's partitions from a read-model rebuild, meaningless on the new broker");

    /** What an empty data dir may hold: the launcher's lock file and its cache of PostgreSQL binaries. */
    private static final Set<String> ALLOWED_IN_EMPTY_DATA_DIR = Set.of(DataDirLock.FILE_NAME, "pg-bin");

    /** The rows restored, per schema. */
    public record Result(BackupManifest manifest, Map<String, Long> rows) {
        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private StoreRestore() {
    }

    public static Result restore(StackConfig config, Path backupDirectory, PrintStream out) throws IOException {
        Path backup = backupDirectory.toAbsolutePath().normalize();
        BackupManifest manifest = BackupManifest.read(backup);
        verify(manifest, backup);
        Path dataDir = config.dataDir();
        Set<String> before = requireEmptyDataDir(dataDir);
        StackConfig restoring = FreePorts.assign(config.withReset(false).withReplicas(1)
                .withServices(List.of(ServiceDefinition.values())));
        out.println("Restoring the backup of " + manifest.takenAt() + " (PostgreSQL " + manifest.postgresVersion() + ", "
                + manifest.suiteVersion() + ", commit " + manifest.suiteCommit() + ") into " + dataDir);
        LocalStack stack = LocalStack.prepare(restoring);
        Thread hook = new Thread(stack::close, "dual-list-restore-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean restored = false;
        boolean heldElsewhere = false;
        try {
            out.println("Creating the stores: PostgreSQL, Kafka and every service once, for its migrations ...");
            stack.start();
            List<Thread> stoppers = new ArrayList<>();
            for (ServiceProcess service : stack.services()) {
                Thread stopper = new Thread(service::stop, "stop-" + service.name());
                stopper.start();
                stoppers.add(stopper);
            }
            for (Thread stopper : stoppers) {
                stopper.join();
            }
            out.println("Loading the tables (one transaction) ...");
            Map<String, Long> rows;
            try (Connection connection = stack.postgres().superuserDataSource().getConnection()) {
                rows = load(connection, manifest, backup, out);
            } catch (SQLException e) {
                throw new IOException("restoring failed, nothing was kept: " + e.getMessage(), e);
            }
            if (manifest.demoLoaded() != null) {
                Files.writeString(dataDir.resolve(DemoLoader.MARKER_FILE), manifest.demoLoaded(), StandardCharsets.UTF_8);
            }
            restored = true;
            return new Result(manifest, rows);
        } catch (AlreadyRunningException e) {
            heldElsewhere = true;
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            stack.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs already
            }
            if (!restored && !heldElsewhere) {
                removeAllBut(dataDir, before);
            }
        }
    }

    /**
     * Checks every file against the manifest before anything is created: present, as many lines as rows
     * (COPY's text format writes one line per row, with line breaks inside values escaped), same SHA-256.
     */
    static void verify(BackupManifest manifest, Path backup) throws IOException {
        for (BackupManifest.Schema schema : manifest.schemas()) {
            for (BackupManifest.Table table : schema.tables()) {
                Path file = backup.resolve(table.file()).normalize();
                if (!file.startsWith(backup) || !Files.isRegularFile(file)) {
                    throw new IOException("the backup in " + backup + " lacks " + table.file());
                }
                MessageDigest sha256 = StoreBackup.sha256();
                long lines = 0;
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                        sha256.update(buffer, 0, read);
                        for (int i = 0; i < read; i++) {
                            if (buffer[i] == '\n') {
                                lines++;
                            }
                        }
                    }
                }
                String digest = HexFormat.of().formatHex(sha256.digest());
                if (lines != table.rows() || !digest.equals(table.sha256())) {
                    throw new IOException(table.file() + " has " + lines + " rows with SHA-256 " + digest + ", the manifest says "
                            + table.rows() + " rows with SHA-256 " + table.sha256() + ": the backup is damaged");
                }
            }
        }
    }

    static Map<String, Long> load(Connection connection, BackupManifest manifest, Path backup, PrintStream out)
            throws SQLException, IOException {
        connection.setAutoCommit(false);
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            Map<String, Long> restored = new LinkedHashMap<>();
            for (ServiceDefinition service : ServiceDefinition.values()) {
                String schema = service.schema();
                BackupManifest.Schema backedUp = manifest.schema(schema)
                        .orElseThrow(() -> new IOException("the backup has no schema " + schema));
                restored.put(schema, loadSchema(connection, copy, backedUp, manifest.suiteCommit(), backup, out));
            }
            connection.commit();
            out.println("  left empty: every service's tokenentry (its publisher's position), so that on the next start each"
                    + " publishes its whole event store to the new Kafka");
            return restored;
        } catch (IOException | SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private static long loadSchema(Connection connection, CopyManager copy, BackupManifest.Schema backedUp, String commit,
                                   Path backup, PrintStream out) throws SQLException, IOException {
        String schema = backedUp.name();
        List<String> ours = StoreCatalog.appliedScripts(StoreCatalog.flywayHistory(connection, schema));
        List<String> theirs = StoreCatalog.appliedScripts(backedUp.flywayHistory());
        if (!ours.equals(theirs)) {
            throw new IOException("schema " + schema + " of this build has the migrations " + ours + ", the backup's has "
                    + theirs + ": restore it with the build it was taken with (commit " + commit + ")");
        }
        List<String> tables = StoreCatalog.tablesInDependencyOrder(connection, schema);
        Set<String> missing = new HashSet<>();
        for (BackupManifest.Table table : backedUp.tables()) {
            if (!tables.contains(table.name()) && !NOT_RESTORED.containsKey(table.name())) {
                missing.add(table.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("schema " + schema + " has no table " + missing + " that the backup holds");
        }
        try (Statement statement = connection.createStatement()) {
            // what the services wrote on their first start (the publisher's position) goes too
            statement.execute("TRUNCATE " + String.join(", ", tables.stream().map(t -> StoreCatalog.qualified(schema, t)).toList()));
        }
        long rows = 0;
        long events = 0;
        for (String name : tables) {
            if (NOT_RESTORED.containsKey(name)) {
                continue;
            }
            BackupManifest.Table table = backedUp.table(name)
                    .orElseThrow(() -> new IOException("the backup of schema " + schema + " has no table " + name));
            MessageDigest sha256 = StoreBackup.sha256();
            long copied;
            try (InputStream file = new DigestInputStream(new BufferedInputStream(Files.newInputStream(backup.resolve(table.file())),
                    1 << 16), sha256)) {
                copied = copy.copyIn("COPY " + StoreCatalog.qualified(schema, name) + " " + StoreCatalog.columnList(table.columns())
                        + " FROM STDIN", file);
            }
            String digest = HexFormat.of().formatHex(sha256.digest());
            if (copied != table.rows() || !digest.equals(table.sha256())) {
                throw new IOException(table.file() + " has " + copied + " rows with SHA-256 " + digest + ", the manifest says "
                        + table.rows() + " rows with SHA-256 " + table.sha256() + ": the backup is damaged");
            }
            rows += copied;
            if (name.equals(StoreBackup.EVENT_STORE)) {
                events = copied;
            }
        }
        List<String> sequences = StoreCatalog.sequences(connection, schema);
        for (BackupManifest.Sequence sequence : backedUp.sequences()) {
            if (!sequences.contains(sequence.name())) {
                throw new IOException("schema " + schema + " has no sequence " + sequence.name() + " that the backup holds");
            }
            try (PreparedStatement setval = connection.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
                setval.setString(1, StoreCatalog.qualified(schema, sequence.name()));
                setval.setLong(2, sequence.lastValue());
                setval.setBoolean(3, sequence.isCalled());
                setval.execute();
            }
        }
        out.printf(Locale.ROOT, "  %-13s %2d tables, %,9d rows%s, %d sequences%n", schema,
                tables.stream().filter(t -> !NOT_RESTORED.containsKey(t)).count(), rows,
                backedUp.table(StoreBackup.EVENT_STORE).isPresent() ? String.format(Locale.ROOT, " (event store: %,d events)", events) : "",
                backedUp.sequences().size());
        return rows;
    }

    /** The entries already there (only ones an empty data dir may hold); fails if it holds anything else. */
    private static Set<String> requireEmptyDataDir(Path dataDir) throws IOException {
        Set<String> present = new HashSet<>();
        if (!Files.exists(dataDir)) {
            return present;
        }
        if (!Files.isDirectory(dataDir)) {
            throw new IOException(dataDir + " is a file, not a data directory");
        }
        try (Stream<Path> entries = Files.list(dataDir)) {
            entries.forEach(entry -> present.add(entry.getFileName().toString()));
        }
        Set<String> other = new HashSet<>(present);
        other.removeAll(ALLOWED_IN_EMPTY_DATA_DIR);
        if (!other.isEmpty()) {
            throw new IOException(dataDir + " is not empty (it holds " + String.join(", ", new java.util.TreeSet<>(other))
                    + "): restore into a new data dir (DUAL_LIST_DATA), or move this one away first");
        }
        return present;
    }

    private static void removeAllBut(Path dataDir, Set<String> keep) {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dataDir)) {
            for (Path entry : entries.filter(p -> !keep.contains(p.getFileName().toString())).toList()) {
                StoreBackup.deleteRecursively(entry);
            }
        } catch (IOException e) {
            System.err.println("Could not remove what the failed restore left in " + dataDir + ": " + e.getMessage());
        }
    }
}
