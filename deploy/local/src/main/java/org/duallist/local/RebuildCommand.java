package org.duallist.local;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./dual-list rebuild query|progress|supervision}: drops a read model and replays it from Kafka. */
@Command(name = "rebuild",
        mixinStandardHelpOptions = true,
        description = {
            "Drops the read model of a service and replays every event from Kafka into it, with a progress bar and the "
                    + "events/s at the end. Webhooks and live notifications are not sent again for replayed events.",
            "Run it while the stack is stopped: it starts PostgreSQL, Kafka and that service on the data dir, and stops them after."
        })
class RebuildCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SERVICE", description = "query, progress or supervision")
    String service;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        ReadModelRebuild.Target target;
        StackConfig config;
        try {
            target = ReadModelRebuild.Target.byName(service);
            config = StackConfig.fromEnvironment(System.getenv(), DualListCommand.repoRoot())
                    .withServices(List.of(target.service()));
        } catch (IllegalArgumentException e) {
            System.err.println("dual-list rebuild: " + e.getMessage());
            return 2;
        }
        LocalStack stack = LocalStack.prepare(config);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "dual-list-rebuild-shutdown"));
        try {
            out.println("Starting PostgreSQL, Kafka and " + target.service().serviceName() + " on " + config.dataDir() + " ...");
            stack.start();
            out.println("Rebuilding the read model of " + target.service().serviceName() + " from Kafka ...");
            ProgressBar bar = new ProgressBar(out);
            ReadModelRebuild.Result result = ReadModelRebuild.rebuild(stack, target, p -> bar.show(p.applied(), p.total()));
            bar.done();
            out.printf(Locale.ROOT, "Replayed %,d events in %.1f s: %,.0f events/s (whole rebuild %.1f s).%n", result.events(),
                    result.replay().toMillis() / 1000.0, result.eventsPerSecond(), result.total().toMillis() / 1000.0);
            out.printf(Locale.ROOT, "Of that, %s took %.1f s to start (%,d events applied by then); after that: %,.0f events/s.%n",
                    target.service().serviceName(), result.start().toMillis() / 1000.0, result.appliedAtStart(),
                    result.eventsPerSecondOnceStarted());
            return 0;
        } catch (AlreadyRunningException e) {
            System.err.println("dual-list rebuild: the stack runs on " + config.dataDir() + "; stop it first (Ctrl-C in its terminal). "
                    + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("dual-list rebuild failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            stack.close();
        }
    }

    /** One line redrawn in place: a bar, the count and the share. */
    static final class ProgressBar {
        private static final int WIDTH = 40;
        private final PrintStream out;
        private long lastDrawn;

        ProgressBar(PrintStream out) {
            this.out = out;
        }

        void show(long done, long total) {
            long now = System.nanoTime();
            if (now - lastDrawn < 200_000_000L && done < total) {
                return;
            }
            lastDrawn = now;
            int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
            out.printf(Locale.ROOT, "\r  [%s%s] %,d / %,d events (%d%%)", "#".repeat(filled), ".".repeat(WIDTH - filled), done, total,
                    total == 0 ? 100 : 100 * done / total);
            out.flush();
        }

        void done() {
            out.println();
        }
    }
}
