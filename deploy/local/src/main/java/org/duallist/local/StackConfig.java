package org.duallist.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and on which ports the local stack runs. {@link #fromEnvironment} reads the launcher's
 * environment variables; tests build one with {@link #defaults} and the {@code with...} methods.
 *
 * @param repoRoot           repository root (services are started from {@code services/<svc>/target/quarkus-app})
 * @param dataDir            all state: PostgreSQL cluster, Kafka logs, passwords, logs, lock
 * @param pgPort             PostgreSQL port
 * @param kafkaPort          Kafka PLAINTEXT port; the KRaft controller listens on {@code kafkaPort + 1}
 * @param servicePorts       HTTP port of every service
 * @param services           the services to start (empty: infrastructure only)
 * @param reset              delete the data dir's content before starting
 * @param kafkaClassPath     class path of the Kafka broker child process
 * @param serviceReadyTimeout how long a service may take to answer {@code /q/health/ready}
 * @param stopGrace          how long a child process may take to stop after SIGTERM
 * @param replicas           instances of every service; replica k (from 1) listens on the service's port
 *                           plus {@code (k - 1) * }{@value #REPLICA_PORT_STEP}
 * @param profileDir         when present, every service and the broker record a JFR profile there
 *                           ({@code <dir>/<component>/}, one file per process, written when it stops)
 */
public record StackConfig(
        Path repoRoot,
        Path dataDir,
        int pgPort,
        int kafkaPort,
        Map<ServiceDefinition, Integer> servicePorts,
        List<ServiceDefinition> services,
        boolean reset,
        String kafkaClassPath,
        Duration serviceReadyTimeout,
        Duration stopGrace,
        int replicas,
        Optional<Path> profileDir) {

    public static final String DATA_DIR_VARIABLE = "DUAL_LIST_DATA";
    public static final String PG_PORT_VARIABLE = "DUAL_LIST_PG_PORT";
    public static final String KAFKA_PORT_VARIABLE = "DUAL_LIST_KAFKA_PORT";
    public static final int DEFAULT_PG_PORT = 15432;
    public static final int DEFAULT_KAFKA_PORT = 19092;
    /** Replicas of a service listen this far apart: 8080, 8180, 8280 ... */
    public static final int REPLICA_PORT_STEP = 100;
    public static final int MAX_REPLICAS = 9;

    public StackConfig {
        Objects.requireNonNull(profileDir, "profileDir");
        repoRoot = repoRoot.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        servicePorts = Map.copyOf(servicePorts);
        services = List.copyOf(services);
        Objects.requireNonNull(kafkaClassPath, "kafkaClassPath");
        checkPort("PostgreSQL", pgPort);
        checkPort("Kafka", kafkaPort);
        checkPort("Kafka controller", kafkaPort + 1);
        for (ServiceDefinition service : ServiceDefinition.values()) {
            if (!servicePorts.containsKey(service)) {
                throw new IllegalArgumentException("no port for service " + service.serviceName());
            }
            checkPort(service.serviceName(), servicePorts.get(service));
            checkPort(service.serviceName() + " replica " + replicas,
                    servicePorts.get(service) + (replicas - 1) * REPLICA_PORT_STEP);
        }
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("replicas must be 1 to " + MAX_REPLICAS + ", not " + replicas);
        }
    }

    /** Default ports, every service, data in {@code <repoRoot>/.data}. */
    public static StackConfig defaults(Path repoRoot) {
        Map<ServiceDefinition, Integer> ports = new EnumMap<>(ServiceDefinition.class);
        for (ServiceDefinition service : ServiceDefinition.values()) {
            ports.put(service, service.defaultPort());
        }
        return new StackConfig(repoRoot, repoRoot.resolve(".data"), DEFAULT_PG_PORT, DEFAULT_KAFKA_PORT, ports,
                List.of(ServiceDefinition.values()), false, absoluteClassPath(System.getProperty("java.class.path")),
                Duration.ofSeconds(180), Duration.ofSeconds(20), 1, Optional.empty());
    }

    /**
     * Reads {@code DUAL_LIST_DATA}, {@code DUAL_LIST_PG_PORT}, {@code DUAL_LIST_KAFKA_PORT} and each
     * service's port variable ({@code QUERY_PORT}, {@code REG_PORT}, ...); unset or blank means the default.
     */
    public static StackConfig fromEnvironment(Map<String, String> env, Path repoRoot) {
        StackConfig config = defaults(repoRoot);
        Path dataDir = dataDir(env, repoRoot);
        Map<ServiceDefinition, Integer> ports = new EnumMap<>(ServiceDefinition.class);
        for (ServiceDefinition service : ServiceDefinition.values()) {
            ports.put(service, port(env, service.portVariable(), service.defaultPort()));
        }
        return new StackConfig(repoRoot, dataDir, port(env, PG_PORT_VARIABLE, DEFAULT_PG_PORT),
                port(env, KAFKA_PORT_VARIABLE, DEFAULT_KAFKA_PORT), ports, config.services(), false,
                config.kafkaClassPath(), config.serviceReadyTimeout(), config.stopGrace(), config.replicas(), Optional.empty());
    }

    /** The data dir {@code DUAL_LIST_DATA} names, else {@code <repoRoot>/.data} (without reading any port variable). */
    public static Path dataDir(Map<String, String> env, Path repoRoot) {
        String data = env.get(DATA_DIR_VARIABLE);
        Path dataDir = data == null || data.isBlank() ? repoRoot.resolve(".data") : Path.of(data.trim());
        return dataDir.toAbsolutePath().normalize();
    }

    /** The class path with absolute entries: child processes run in another working directory. */
    static String absoluteClassPath(String classPath) {
        return java.util.Arrays.stream(classPath.split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> entry.endsWith("*")
                        ? Path.of(entry.substring(0, entry.length() - 1)).toAbsolutePath().normalize() + java.io.File.separator + "*"
                        : Path.of(entry).toAbsolutePath().normalize().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static int port(Map<String, String> env, String variable, int defaultPort) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + "=" + value + " is not a port number");
        }
    }

    private static void checkPort(String what, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " port " + port + " is out of range 1-65535");
        }
    }

    public int kafkaControllerPort() {
        return kafkaPort + 1;
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** JDBC URL of database {@code duallist} (no schema, no user). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + PostgresServer.DATABASE;
    }

    public String jdbcUrl(ServiceDefinition service) {
        return jdbcUrl() + "?currentSchema=" + service.schema();
    }

    public int port(ServiceDefinition service) {
        return servicePorts.get(service);
    }

    public String baseUrl(ServiceDefinition service) {
        return "http://127.0.0.1:" + port(service);
    }

    /** The port of replica {@code replica} (from 1) of a service. */
    public int port(ServiceDefinition service, int replica) {
        if (replica < 1 || replica > replicas) {
            throw new IllegalArgumentException(service.serviceName() + " has no replica " + replica + " (replicas: " + replicas + ")");
        }
        return port(service) + (replica - 1) * REPLICA_PORT_STEP;
    }

    public String baseUrl(ServiceDefinition service, int replica) {
        return "http://127.0.0.1:" + port(service, replica);
    }

    /** The base URL of every replica of a service, the first one first. */
    public List<String> baseUrls(ServiceDefinition service) {
        List<String> urls = new ArrayList<>();
        for (int replica = 1; replica <= replicas; replica++) {
            urls.add(baseUrl(service, replica));
        }
        return urls;
    }

    /** The name of a replica's process, pid file and log: the service's name, then {@code -2}, {@code -3} ... */
    public static String replicaName(ServiceDefinition service, int replica) {
        return replica == 1 ? service.serviceName() : service.serviceName() + "-" + replica;
    }

    /** The key pair that signs the stack's bearer tokens ({@code <data>/jwt}, replaced by a reset). */
    public Path keyDir() {
        return LocalTokens.keyDir(dataDir);
    }

    /** The public key the services verify bearer tokens with. */
    public Path publicKeyFile() {
        return LocalTokens.publicKeyFile(dataDir);
    }

    /** While this file exists the services report "not ready" (the launcher loads the demo meanwhile). */
    /** The demo's users and their tokens, for the local dashboard's sign-in. */
    public Path demoUsersFile() {
        return dataDir.resolve("run").resolve("demo-users.json");
    }

    public Path readinessHoldFile() {
        return dataDir().resolve("run").resolve("readiness.hold");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path logFile(String component) {
        return logDir().resolve(component + ".log");
    }

    public StackConfig withDataDir(Path newDataDir) {
        return new StackConfig(repoRoot, newDataDir, pgPort, kafkaPort, servicePorts, services, reset, kafkaClassPath,
                serviceReadyTimeout, stopGrace, replicas, profileDir);
    }

    public StackConfig withPorts(int newPgPort, int newKafkaPort) {
        return new StackConfig(repoRoot, dataDir, newPgPort, newKafkaPort, servicePorts, services, reset, kafkaClassPath,
                serviceReadyTimeout, stopGrace, replicas, profileDir);
    }

    public StackConfig withServicePort(ServiceDefinition service, int port) {
        Map<ServiceDefinition, Integer> ports = new EnumMap<>(servicePorts);
        ports.put(service, port);
        return new StackConfig(repoRoot, dataDir, pgPort, kafkaPort, ports, services, reset, kafkaClassPath,
                serviceReadyTimeout, stopGrace, replicas, profileDir);
    }

    public StackConfig withServices(Collection<ServiceDefinition> newServices) {
        return new StackConfig(repoRoot, dataDir, pgPort, kafkaPort, servicePorts, new ArrayList<>(newServices), reset,
                kafkaClassPath, serviceReadyTimeout, stopGrace, replicas, profileDir);
    }

    public StackConfig withReset(boolean newReset) {
        return new StackConfig(repoRoot, dataDir, pgPort, kafkaPort, servicePorts, services, newReset, kafkaClassPath,
                serviceReadyTimeout, stopGrace, replicas, profileDir);
    }

    public StackConfig withKafkaClassPath(String classPath) {
        return new StackConfig(repoRoot, dataDir, pgPort, kafkaPort, servicePorts, services, reset, classPath,
                serviceReadyTimeout, stopGrace, replicas, profileDir);
    }

    public StackConfig withTimeouts(Duration newServiceReadyTimeout, Duration newStopGrace) {
        return new StackConfig(repoRoot, dataDir, pgPort, kafkaPort, servicePorts, services, reset, kafkaClassPath,
                newServiceReadyTimeout, newStopGrace, replicas, profileDir);
    }

    public StackConfig withReplicas(int newReplicas) {
        return new StackConfig(repoRoot, dataDir, pgPort, kafkaPort, servicePorts, services, reset, kafkaClassPath,
                serviceReadyTimeout, stopGrace, newReplicas, profileDir);
    }

    /** Every process of the stack records a JFR profile into {@code <dir>/<component>/} (see {@link #profilingOptions}). */
    public StackConfig withProfiles(Path dir) {
        return new StackConfig(repoRoot, dataDir, pgPort, kafkaPort, servicePorts, services, reset, kafkaClassPath,
                serviceReadyTimeout, stopGrace, replicas, Optional.of(dir.toAbsolutePath().normalize()));
    }

    /** Where a component's JFR recordings go, when the stack records profiles: a directory that must exist at its launch. */
    public Optional<Path> profileDirectory(String component) {
        return profileDir.map(dir -> dir.resolve(component));
    }

    /**
     * The JVM options that make a component record a JFR profile (method samples every 10 ms, allocations,
     * locks), or none. A directory as the file name gives each process its own file, named by its pid: a
     * service restarted (by a rebuild) writes a second one. The launch creates the directory
     * ({@link #createProfileDirectory}): JFR refuses to start without it.
     */
    public List<String> profilingOptions(String component) {
        return profileDirectory(component).map(dir -> List.of("-XX:StartFlightRecording=filename=" + dir
                + ",dumponexit=true,settings=profile")).orElse(List.of());
    }

    /** Creates the component's profile directory, when the stack records profiles. */
    void createProfileDirectory(String component) throws IOException {
        Optional<Path> dir = profileDirectory(component);
        if (dir.isPresent()) {
            Files.createDirectories(dir.get());
        }
    }
}
