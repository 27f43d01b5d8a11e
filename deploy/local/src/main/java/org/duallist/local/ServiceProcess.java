package org.duallist.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.duallist.identity.TokenClaims;

/**
 * One replica of a Quarkus service of the stack, run from its packaged {@code quarkus-app} as a child
 * process. Replicas of a service share its database schema and Kafka consumer group.
 */
public final class ServiceProcess {

    /** The name of the platform's readiness-hold health check. */
    static final String READINESS_HOLD = "readiness-hold";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    /** Requests a second one caller may keep up in the local stack: above what this machine can serve at all. */
    static final int LOCAL_RATE_PER_CALLER = 20_000;

    /** Beside quarkus-run.jar, when the build wrote it. */
    static final String CLASS_DATA_ARCHIVE = "app-cds.jsa";

    private final StackConfig config;
    private final ServiceDefinition definition;
    private final int replica;
    private final ChildProcess process;

    ServiceProcess(StackConfig config, ServiceDefinition definition, int replica, String dbPassword, String ownerPassword) {
        this.config = config;
        this.definition = definition;
        this.replica = replica;
        Path jar = definition.runJar(config.repoRoot());
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The default initial heap is 1/64 of the machine's memory (384 MB on 24 GiB), the whole -Xmx at
                // once: the young generation alone then keeps over 100 MB resident. From 64 MB the heap grows to
                // what the service uses (about 20-30 MB survive in the old generation under load).
                "-Xms64m",
                "-Xmx384m",
                // as in the images: a service out of memory may have lost a thread it needs (the event
                // publisher, a consumer); ending it shows, where limping on would not
                "-XX:+ExitOnOutOfMemoryError",
                // many JVMs share a small machine: the serial collector keeps each one's threads and footprint small
                "-XX:+UseSerialGC"));
        if (config.replicas() > 1) {
            // Two or more replicas of every service on a small machine: the client compiler alone starts and
            // restarts a service in a fraction of the CPU time. One replica keeps the optimising compiler: it
            // serves commands with about a third less CPU (bench: 69 -> 106 commands/s at 8 callers).
            command.add("-XX:TieredStopAtLevel=1");
        }
        Path classData = jar.resolveSibling(CLASS_DATA_ARCHIVE);
        if (Files.isRegularFile(classData)) {
            // written by the package step (quarkus.package.jar.appcds): the classes the service loads while it starts,
            // already parsed and verified. A JVM other than the one that wrote it ignores it, with a warning.
            command.add("-XX:SharedArchiveFile=" + classData);
        }
        String name = StackConfig.replicaName(definition, replica);
        command.addAll(config.profilingOptions(name));
        command.addAll(List.of(
                "-Ddisable-axoniq-console-message=true",
                "-Dfile.encoding=UTF-8",
                "-jar", jar.toString()));
        this.process = new ChildProcess(name, command, environment(config, definition, replica, dbPassword, ownerPassword),
                config.dataDir(), config.logFile(name), config.dataDir().resolve("run"), jar.toString());
    }

    /**
     * The environment a service gets in the local stack (besides the launcher's own): it runs as its
     * own role and migrates its schema as the schema's owner.
     */
    static Map<String, String> environment(StackConfig config, ServiceDefinition definition, int replica, String dbPassword,
                                           String ownerPassword) {
        Map<String, String> env = new LinkedHashMap<>();
        // glibc gives each thread that allocates its own malloc arena (64 MB of address space, some of it
        // resident): two arenas are plenty for a JVM, whose heap is not malloc'ed
        env.put("MALLOC_ARENA_MAX", "2");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(config.port(definition, replica)));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", config.jdbcUrl(definition));
        env.put("QUARKUS_DATASOURCE_USERNAME", definition.role());
        env.put("QUARKUS_DATASOURCE_PASSWORD", dbPassword);
        env.put("QUARKUS_FLYWAY_USERNAME", definition.ownerRole());
        env.put("QUARKUS_FLYWAY_PASSWORD", ownerPassword);
        env.put("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrap());
        env.put("DUAL_LIST_CLOCK_ADJUSTABLE", "true");
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", config.publicKeyFile().toString());
        env.put("MP_JWT_VERIFY_ISSUER", TokenClaims.LOCAL_ISSUER);
        env.put("DUAL_LIST_READINESS_HOLD_FILE", config.readinessHoldFile().toString());
        env.put("DUAL_LIST_DEMO_USERS_FILE", config.demoUsersFile().toString());
        // webhook receivers of a local stack (and of its end-to-end test) run on this machine; the stack's own
        // services, every replica, stay refused as targets
        env.put("DUAL_LIST_WEBHOOKS_ALLOW_LOOPBACK_TARGETS", "true");
        env.put("DUAL_LIST_WEBHOOKS_OWN_SERVICES", Arrays.stream(ServiceDefinition.values())
                .flatMap(service -> config.baseUrls(service).stream())
                .collect(Collectors.joining(",")));
        // benchmarks drive a local stack with thousands of commands a second from a few users
        env.put("DUAL_LIST_LIMITS_RATE_REQUESTS_PER_SECOND", Integer.toString(LOCAL_RATE_PER_CALLER));
        env.put("DUAL_LIST_LIMITS_RATE_BURST", Integer.toString(2 * LOCAL_RATE_PER_CALLER));
        return env;
    }

    public ServiceDefinition definition() {
        return definition;
    }

    /** The replica's name: the service's name for the first, then {@code query-2} ... */
    /** The command line the service runs with. */
    List<String> command() {
        return process.command();
    }

    public String name() {
        return StackConfig.replicaName(definition, replica);
    }

    /** From 1. */
    public int replica() {
        return replica;
    }

    public int port() {
        return config.port(definition, replica);
    }

    public String baseUrl() {
        return config.baseUrl(definition, replica);
    }

    public Path logFile() {
        return process.logFile();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid().orElse(-1L);
    }

    /** Starts the service and waits until it is ready (at most the configured timeout). */
    public void start() throws IOException {
        launch();
        awaitReady(config.serviceReadyTimeout());
    }

    /** SIGTERM (graceful Quarkus shutdown) and wait; SIGKILL after the grace period. */
    public void stop() {
        process.stop(config.stopGrace());
    }

    /** SIGKILL, as a crash would. */
    public void kill() {
        process.kill();
    }

    void onUnexpectedExit(java.util.function.BiConsumer<String, Integer> listener) {
        process.onUnexpectedExit(listener);
    }

    void launch() throws IOException {
        Path jar = definition.runJar(config.repoRoot());
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: build it with ./mvnw -DskipTests package");
        }
        config.createProfileDirectory(name());
        process.launch();
    }

    /**
     * Polls {@code /q/health/ready} until it answers 200, or 503 only because the launcher holds
     * readiness (while it loads the demo): the service then works and the launcher may use it.
     */
    void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ServiceFailedException(name() + " exited with code "
                        + process.exitCode().map(String::valueOf).orElse("?") + " while starting", logFile());
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 || onlyHeldByLauncher(response)) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + name(), e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + name(), e);
            }
        }
        throw new ServiceFailedException(name() + " was not ready within " + timeout.toSeconds() + " s (last: "
                + abbreviate(last) + ")", logFile());
    }

    private static boolean onlyHeldByLauncher(HttpResponse<String> response) {
        if (response.statusCode() != 503) {
            return false;
        }
        try {
            JsonNode checks = JSON.readTree(response.body()).path("checks");
            boolean held = false;
            for (JsonNode check : checks) {
                if ("DOWN".equals(check.path("status").asText())) {
                    if (!READINESS_HOLD.equals(check.path("name").asText())) {
                        return false;
                    }
                    held = true;
                }
            }
            return held;
        } catch (IOException e) {
            return false;
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    /** A service failed to start; the message ends with the tail of its log. */
    public static final class ServiceFailedException extends IOException {
        private final Path logFile;

        ServiceFailedException(String message, Path logFile) {
            super(message + "; last lines of " + logFile + ":\n" + ChildProcess.tail(logFile, 40));
            this.logFile = logFile;
        }

        public Path logFile() {
            return logFile;
        }
    }
}
