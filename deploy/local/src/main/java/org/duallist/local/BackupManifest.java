package org.duallist.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code manifest.json} of a backup made by {@code ./dual-list backup}: what was backed up and how to
 * check it. Written last, so a directory without it is no (complete) backup.
 *
 * @param format          {@value #FORMAT}
 * @param suiteVersion    the launcher's version
 * @param suiteCommit     the repository's commit the launcher ran from ({@code unknown} outside git)
 * @param postgresVersion {@code server_version} of the server backed up
 * @param takenAt         when the snapshot was taken (ISO-8601, UTC)
 * @param snapshot        the PostgreSQL snapshot every table was read in ({@code pg_current_snapshot()})
 * @param demoLoaded      the content of the data dir's demo marker, or null if the demo was never loaded
 * @param schemas         every service's schema
 */
public record BackupManifest(
        String format,
        String suiteVersion,
        String suiteCommit,
        String postgresVersion,
        String takenAt,
        String snapshot,
        String demoLoaded,
        List<Schema> schemas) {

    public static final String FORMAT = "dual-list-backup/1";
    public static final String FILE_NAME = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * A service's schema.
     *
     * @param name          schema (and service) name
     * @param flywayHistory the schema's applied migrations, in order
     * @param tables        every table, in the order they are restored (referenced tables first)
     * @param sequences     every sequence with its value at the time of the backup
     */
    public record Schema(String name, List<Migration> flywayHistory, List<Table> tables, List<Sequence> sequences) {

        public Optional<Table> table(String tableName) {
            return tables.stream().filter(t -> t.name().equals(tableName)).findFirst();
        }

        public long rows() {
            return tables.stream().mapToLong(Table::rows).sum();
        }
    }

    /** A row of {@code flyway_schema_history}. */
    public record Migration(String version, String description, String type, Integer checksum, boolean success) {
    }

    /**
     * A table's rows in PostgreSQL's COPY text format.
     *
     * @param name    table name
     * @param file    the file, relative to the backup directory
     * @param columns the columns in the file's order
     * @param rows    rows in the file
     * @param sha256  SHA-256 of the file (hex)
     */
    public record Table(String name, String file, List<String> columns, long rows, String sha256) {
    }

    /** A sequence's state: {@code setval(name, lastValue, isCalled)} gives it back. */
    public record Sequence(String name, long lastValue, boolean isCalled) {
    }

    public Optional<Schema> schema(String name) {
        return schemas.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public void write(Path directory) throws IOException {
        JSON.writeValue(directory.resolve(FILE_NAME).toFile(), this);
    }

    /** The manifest of the backup in {@code directory}; fails saying why if there is none or it is of another kind. */
    public static BackupManifest read(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IOException(directory + " holds no backup (no " + FILE_NAME + "): a backup that did not finish leaves none");
        }
        BackupManifest manifest = JSON.readValue(file.toFile(), BackupManifest.class);
        if (!FORMAT.equals(manifest.format())) {
            throw new IOException(file + " is of format " + manifest.format() + ", not " + FORMAT);
        }
        return manifest;
    }
}
