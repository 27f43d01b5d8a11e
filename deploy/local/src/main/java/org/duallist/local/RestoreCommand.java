package org.duallist.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./dual-list restore DIR}: a backup of {@code ./dual-list backup} into an empty data dir. */
@Command(name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Restores a backup of ./dual-list backup into an empty data dir: starts PostgreSQL, Kafka and every service "
                    + "once on it (on free ports) so that the migrations create the schemas, stops the services, loads every "
                    + "table in one transaction (rows and SHA-256 checked against the manifest) and stops.",
            "Then start the stack with ./dual-list up: every service publishes its event store to the new Kafka again, "
                    + "and the read models skip the events they hold already."
        },
        footer = {"", "Environment: DUAL_LIST_DATA (the data dir to restore into, default <repo>/.data; it must be empty)."})
class RestoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "a backup made by ./dual-list backup")
    Path directory;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        StackConfig config;
        try {
            config = StackConfig.fromEnvironment(System.getenv(), DualListCommand.repoRoot());
        } catch (IllegalArgumentException e) {
            System.err.println("dual-list restore: " + e.getMessage());
            return 2;
        }
        long begin = System.nanoTime();
        try {
            StoreRestore.Result result = StoreRestore.restore(config, directory, out);
            out.printf(Locale.ROOT, "Restored %,d rows of %d schemas into %s in %.1f s.%n", result.totalRows(),
                    result.rows().size(), config.dataDir(), (System.nanoTime() - begin) / 1e9);
            out.println("Start Dual List on it with ./dual-list up" + (config.dataDir().equals(DualListCommand.repoRoot().resolve(".data"))
                    ? "" : " (with DUAL_LIST_DATA=" + config.dataDir() + ")")
                    + ". Bearer tokens from before do not work here (the data dir has a new key pair): ./dual-list token.");
            return 0;
        } catch (AlreadyRunningException e) {
            System.err.println("dual-list restore: " + config.dataDir() + " is in use. " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("dual-list restore failed: " + e.getMessage());
            return 1;
        }
    }
}
