package org.duallist.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.duallist.local.faults.CrashTest;
import org.duallist.local.faults.CrashTestReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./dual-list crash-test}: the crash test under load, on a stack of its own. */
@Command(name = "crash-test",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a stack of its own (data dir <repo>/.data-crash-test, wiped first; ports 25432, 29092, 18080-18083 and replicas "
                    + "+100) with two replicas of every service, checks that the replicas agree (the same answers, another region's callers "
                    + "refused, webhooks and supervision notices once), sends commands at a fixed rate while it kills every service replica "
                    + "(kill -9), the broker (kill -9), PostgreSQL (immediate shutdown) and hangs the broker (SIGSTOP), starting each "
                    + "again; then checks that every answered command is stored and projected exactly once, rebuilds the query read "
                    + "model from Kafka to compare, stops everything and checks that no process is left.",
            "Exit code 0 when nothing was lost or doubled."
        })
class CrashTestCommand implements Callable<Integer> {

    @Option(names = "--rate", defaultValue = "40", description = "Commands per second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--commands", defaultValue = "20000", description = "Commands to send at least (default ${DEFAULT-VALUE}).")
    int commands;

    @Option(names = "--rounds", defaultValue = "2", description = "Times each fault is injected (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--hang", defaultValue = "50", description = "Seconds the broker hangs (default ${DEFAULT-VALUE}).")
    int hangSeconds;

    @Option(names = "--replicas", defaultValue = "2", description = "Replicas of every service (default ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the generated content (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Path root = DualListCommand.repoRoot();
        StackConfig config = crashTestStack(root, replicas);
        CrashTest.Settings settings = new CrashTest.Settings(rate, 16, rounds, commands, Duration.ofSeconds(hangSeconds), seed, true);
        try {
            CrashTestReport report = run(config, settings, out);
            report.print(out);
            return report.passed() ? 0 : 1;
        } catch (IOException e) {
            System.err.println("crash test failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The crash test's own stack: its own data dir and ports, so that it never touches the stack of {@code up}. */
    static StackConfig crashTestStack(Path root, int replicas) {
        StackConfig config = StackConfig.defaults(root).withDataDir(root.resolve(".data-crash-test")).withPorts(25432, 29092)
                .withReset(true).withReplicas(replicas);
        for (ServiceDefinition service : ServiceDefinition.values()) {
            config = config.withServicePort(service, service.defaultPort() + 10_000);
        }
        return config;
    }

    /** Starts the stack, runs the test, stops the stack and counts the processes left behind. */
    static CrashTestReport run(StackConfig config, CrashTest.Settings settings, PrintStream out) throws IOException, InterruptedException {
        LocalStack stack = LocalStack.prepare(config);
        Thread cleanup = new Thread(stack::close, "crash-test-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        CrashTest test = new CrashTest(stack, settings, out);
        CrashTestReport report;
        try {
            out.printf(Locale.ROOT, "Starting a stack with %d replicas of every service in %s ...%n", config.replicas(), config.dataDir());
            stack.start();
            out.printf(Locale.ROOT, "Up in %.1f s. Load at %.0f commands/s, %d rounds of faults, at least %,d commands.%n",
                    stack.totalStartTime().toMillis() / 1000.0, settings.rate(), settings.rounds(), settings.minCommands());
            report = test.run();
        } finally {
            stack.close();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        return report.withProcessesLeft(processesLeft(report, config));
    }

    /** Processes of the test's stack still alive after the stop: every service replica and broker it ran, and PostgreSQL. */
    private static int processesLeft(CrashTestReport report, StackConfig config) {
        int left = (int) report.pids().stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).count();
        if (java.nio.file.Files.exists(config.dataDir().resolve("postgres").resolve("postmaster.pid"))) {
            left++;
        }
        return left;
    }
}
