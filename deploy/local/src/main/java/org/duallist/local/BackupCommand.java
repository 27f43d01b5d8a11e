package org.duallist.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./dual-list backup DIR}: a consistent backup of every service's stores, also while the stack runs. */
@Command(name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Backs up every service's stores (event stores, read models, idempotency records, webhooks, migrations) "
                    + "from one PostgreSQL snapshot into DIR: a file per table in PostgreSQL's COPY format and manifest.json "
                    + "(versions, time, rows and SHA-256 per table, each schema's migrations).",
            "Runs while the stack runs, without stopping anything; on a stopped stack it starts PostgreSQL alone. Kafka is not "
                    + "backed up: ./dual-list restore refills it from the event stores.",
            "DIR must be new or empty; the backup appears there only once it is complete."
        },
        footer = {"", "Environment: DUAL_LIST_DATA (the data dir to back up, default <repo>/.data)."})
class BackupCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "a new or empty directory for the backup")
    Path directory;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        StackConfig config;
        try {
            config = StackConfig.fromEnvironment(System.getenv(), DualListCommand.repoRoot());
        } catch (IllegalArgumentException e) {
            System.err.println("dual-list backup: " + e.getMessage());
            return 2;
        }
        long begin = System.nanoTime();
        try {
            BackupManifest manifest = StoreBackup.backup(config, directory, out);
            long rows = manifest.schemas().stream().mapToLong(BackupManifest.Schema::rows).sum();
            out.printf(Locale.ROOT, "Backed up %,d rows of %d schemas (snapshot %s) into %s in %.1f s.%n", rows,
                    manifest.schemas().size(), manifest.snapshot(), directory.toAbsolutePath().normalize(),
                    (System.nanoTime() - begin) / 1e9);
            return 0;
        } catch (IOException e) {
            System.err.println("dual-list backup failed: " + e.getMessage());
            return 1;
        }
    }
}
