package org.duallist.local;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./dual-list up}: starts the stack and keeps it running until Ctrl-C or SIGTERM. */
@Command(name = "up",
        mixinStandardHelpOptions = true,
        description = "Starts embedded PostgreSQL, Kafka (KRaft) and every service; stops them all on Ctrl-C or SIGTERM.",
        footer = {
            "",
            "Environment:",
            "  DUAL_LIST_DATA        data dir (default <repo>/.data)",
            "  DUAL_LIST_PG_PORT     PostgreSQL port (default 15432)",
            "  DUAL_LIST_KAFKA_PORT  Kafka port (default 19092; its controller uses the next one)",
            "  QUERY_PORT            query service HTTP port (default 8080)",
            "  REG_PORT              registration service HTTP port (default 8081)",
            "  PROGRESS_PORT         progress service HTTP port (default 8082)",
            "  SUPERVISION_PORT      supervision service HTTP port (default 8083)"
        })
class UpCommand implements Callable<Integer> {

    @Option(names = "--demo", description = "Load the demo dual list of 呼和浩特市 (region 150100) through the registration and progress APIs, in every state, once per data dir.")
    boolean demo;

    @Option(names = "--reset", description = "Delete the data dir's content (database, Kafka logs, logs, demo marker) before starting.")
    boolean reset;

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "1",
            description = "Instances of every service (1 to 9, default 1). Replica k listens on the service's port + (k-1) x 100; "
                    + "the replicas of a service share its schema and consumer group.")
    int replicas;

    @Option(names = "--no-restart", description = "Do not start a service or the broker again when it crashes.")
    boolean noRestart;

    @Option(names = "--only-infra", description = "Development: start only PostgreSQL and Kafka, no service.")
    boolean onlyInfra;

    @Option(names = "--services", split = ",", paramLabel = "NAME",
            description = "Development: start only these services (comma-separated; default all).")
    List<String> serviceNames;

    private volatile boolean shuttingDown;
    private volatile boolean running;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        StackConfig config;
        try {
            config = StackConfig.fromEnvironment(System.getenv(), DualListCommand.repoRoot()).withReset(reset)
                    .withReplicas(replicas);
            if (onlyInfra) {
                config = config.withServices(List.of());
            } else if (serviceNames != null && !serviceNames.isEmpty()) {
                config = config.withServices(serviceNames.stream().map(ServiceDefinition::byName).distinct().toList());
            }
        } catch (IllegalArgumentException e) {
            System.err.println("dual-list up: " + e.getMessage());
            return 2;
        }
        if (demo && !(config.services().contains(ServiceDefinition.REGISTRATION)
                && config.services().contains(ServiceDefinition.PROGRESS))) {
            System.err.println("dual-list up: --demo needs the registration and progress services");
            return 2;
        }

        LocalStack stack = LocalStack.prepare(config);
        stack.onUnexpectedExit((name, code) -> {
            if (running && !shuttingDown) {
                System.err.printf("%n!! %s exited unexpectedly (exit code %d); see %s%s%n", name, code,
                        stack.config().logFile(name), noRestart ? "" : "; starting it again");
            }
        });
        if (!noRestart) {
            stack.restartCrashed((name, outcome) -> {
                if (!shuttingDown) {
                    System.err.printf("!! %s %s%n", name, outcome);
                }
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shuttingDown = true;
            if (stack.isClosed()) {
                return; // nothing runs: never started, or already cleaned up after a failed start
            }
            long begin = System.nanoTime();
            out.println();
            out.println("Stopping Dual List ...");
            stack.close();
            out.printf(Locale.ROOT, "Dual List stopped in %s.%n", seconds(Duration.ofNanos(System.nanoTime() - begin)));
        }, "dual-list-shutdown"));

        out.println("Starting Dual List (data dir " + config.dataDir() + ")"
                + (demo ? " with the demo dual list of " + DemoData.CITY + ", region " + DemoData.CITY_CODE : "") + " ...");
        if (demo) {
            // "ready" on /q/health/ready then means "the demo is there", for scripts that wait on it
            stack.holdReadiness();
        }
        try {
            stack.start();
        } catch (AlreadyRunningException e) {
            out.println(e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            if (shuttingDown) {
                return 1;
            }
            System.err.println();
            System.err.println("Dual List failed to start: " + e.getMessage());
            System.err.println("Logs: " + config.logDir());
            return 1;
        }
        running = true;
        printSummary(out, stack);

        if (demo) {
            try {
                new DemoLoader(config.baseUrl(ServiceDefinition.REGISTRATION), config.baseUrl(ServiceDefinition.PROGRESS),
                        config.services().contains(ServiceDefinition.SUPERVISION) ? config.baseUrl(ServiceDefinition.SUPERVISION) : null,
                        config.services().contains(ServiceDefinition.QUERY) ? config.baseUrl(ServiceDefinition.QUERY) : null,
                        config.dataDir(), stack.tokens(), out)
                        .alsoMovingClocksOf(otherReplicas(config))
                        .loadOnce();
                stack.releaseReadiness();
            } catch (IOException e) {
                System.err.println("Loading the demo data failed: " + e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }

        if (!config.services().isEmpty()) {
            printTokens(out, stack, demo);
        }

        out.println();
        out.println("Press Ctrl-C to stop.");
        try {
            new CountDownLatch(1).await(); // until a signal runs the shutdown hook
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The replicas after the first, whose business clocks the demo loader moves with the first's. */
    private static List<String> otherReplicas(StackConfig config) {
        List<String> urls = new ArrayList<>();
        for (ServiceDefinition service : config.services()) {
            List<String> all = config.baseUrls(service);
            urls.addAll(all.subList(1, all.size()));
        }
        return urls;
    }

    private static void printSummary(PrintStream out, LocalStack stack) {
        StackConfig config = stack.config();
        Map<String, Duration> times = stack.startTimes();
        out.println();
        out.println("Dual List is up in " + seconds(stack.totalStartTime()) + ".");
        out.println();
        for (ServiceDefinition service : config.services()) {
            String base = config.baseUrl(service);
            out.printf(Locale.ROOT, "  %-15s %-28s %s (ready in %s)%n", service.serviceName(), base, service.description(),
                    seconds(times.get(service.serviceName())));
            for (int replica = 2; replica <= config.replicas(); replica++) {
                String name = StackConfig.replicaName(service, replica);
                out.printf(Locale.ROOT, "  %-15s %-28s replica %d (ready in %s)%n", name, config.baseUrl(service, replica),
                        replica, seconds(times.get(name)));
            }
            out.printf(Locale.ROOT, "  %-15s %s/q/swagger-ui%n", "", base);
            out.printf(Locale.ROOT, "  %-15s %s/q/openapi%n", "", base);
        }
        out.printf(Locale.ROOT, "  %-15s %s (per service a schema, its owner role and the role it runs as; passwords in %s)"
                        + " (started in %s)%n", "PostgreSQL",
                config.jdbcUrl(), config.dataDir().resolve("stack.properties"), seconds(times.get("postgres")));
        out.printf(Locale.ROOT, "  %-15s %s (started in %s)%n", "Kafka", config.kafkaBootstrap(), seconds(times.get("kafka")));
        out.printf(Locale.ROOT, "  %-15s %s%n", "Data dir", config.dataDir());
        List<String> logs = new ArrayList<>();
        config.services().forEach(s -> logs.add(s.serviceName() + (config.replicas() > 1 ? "[-N]" : "") + ".log"));
        logs.add("kafka.log");
        logs.add("postgres.log");
        out.printf(Locale.ROOT, "  %-15s %s (%s)%n", "Logs", config.logDir(), String.join(", ", logs));
        List<String> parts = new ArrayList<>();
        times.forEach((component, time) -> parts.add(component + " " + seconds(time)));
        parts.add("total " + seconds(stack.totalStartTime()));
        out.printf(Locale.ROOT, "  %-15s %s%n", "Start times", String.join(", ", parts));
    }

    /** With {@code --demo} the demo's tokens and a curl line, else only how to get a token. */
    private static void printTokens(PrintStream out, LocalStack stack, boolean demo) {
        StackConfig config = stack.config();
        out.println();
        if (demo) {
            stack.tokens().printDemoTokens(out, LocalTokens.DEFAULT_LIFETIME);
            if (config.services().contains(ServiceDefinition.QUERY)) {
                out.println("Try: curl -H \"Authorization: Bearer <token>\" " + config.baseUrl(ServiceDefinition.QUERY)
                        + "/api/tasks/overdue");
            }
        } else {
            out.println("Every /api call needs a bearer token (Authorization: Bearer <token>).");
        }
        out.println("More tokens: ./dual-list token --role unit|office|leader --region <code> [--unit <name> --side military|civil]"
                + (demo ? "" : " or ./dual-list token --demo") + " (./dual-list token --help)");
    }

    private static String seconds(Duration duration) {
        return duration == null ? "?" : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
