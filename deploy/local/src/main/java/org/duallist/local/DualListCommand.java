package org.duallist.local;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./dual-list}: the local stack's command line. */
@Command(name = "dual-list",
        mixinStandardHelpOptions = true,
        version = "Dual List local stack 0.1.0",
        description = "Runs Dual List (军地互办实事双清单) on this machine: embedded PostgreSQL, a single-node Kafka and every service.",
        subcommands = {UpCommand.class, TokenCommand.class, ImportCommand.class, CrashTestCommand.class, RebuildCommand.class,
            BackupCommand.class, RestoreCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public class DualListCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The repository root: system property {@code dual-list.root} (set by {@code ./dual-list}), else the working directory. */
    static Path repoRoot() {
        String root = System.getProperty("dual-list.root");
        return Path.of(root == null || root.isBlank() ? "" : root).toAbsolutePath().normalize();
    }

    public static void main(String[] args) {
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        int exitCode = new CommandLine(new DualListCommand()).execute(args);
        System.exit(exitCode);
    }
}
