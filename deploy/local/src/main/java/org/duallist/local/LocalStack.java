package org.duallist.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The whole local stack: embedded PostgreSQL, a KRaft Kafka broker and every service, each service
 * and the broker as a child process. For the launcher and for tests:
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(StackConfig.defaults(root).withDataDir(tmp).withPorts(25432, 29092))) {
 *     stack.kafka().stop();
 *     stack.kafka().start();
 *     stack.service("query").stop();
 *     stack.service("query").start();
 * }
 * }</pre>
 *
 * The services accept bearer tokens signed with the data dir's key pair: {@link #tokens()}.
 *
 * <p>{@link #close()} stops the services, then Kafka, then PostgreSQL, and releases the data dir. It is
 * safe to call from a shutdown hook while {@link #start()} still runs in another thread.
 */
public final class LocalStack implements AutoCloseable {

    /** Between a crash and the restart: lets the OS release the crashed process's port. */
    private static final Duration RESTART_PAUSE = Duration.ofSeconds(1);

    private final StackConfig config;
    private final Object lifecycle = new Object();
    private boolean closed;
    private boolean started;
    private boolean holdReadiness;
    private DataDirLock lock;
    private LocalTokens tokens;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    /** Every replica of every service, the first replica first. */
    private final Map<ServiceDefinition, List<ServiceProcess>> services = new EnumMap<>(ServiceDefinition.class);
    private final Map<String, Duration> startTimes = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile Duration totalStartTime = Duration.ZERO;
    private volatile BiConsumer<String, Integer> unexpectedExitListener = (name, code) -> { };
    private volatile boolean restartCrashed;
    private volatile BiConsumer<String, String> restartListener = (name, outcome) -> { };

    private LocalStack(StackConfig config) {
        this.config = config;
    }

    /** A stack that is not started yet (so that a shutdown hook can be registered before it starts). */
    public static LocalStack prepare(StackConfig config) {
        return new LocalStack(config);
    }

    /**
     * Makes the services report "not ready" on {@code /q/health/ready} from their start until
     * {@link #releaseReadiness()}, so that whoever waits for the stack waits for what the launcher
     * prepares after the start (the demo data). Call before {@link #start()}.
     */
    public void holdReadiness() {
        synchronized (lifecycle) {
            if (started) {
                throw new IllegalStateException("hold readiness before the stack starts");
            }
            holdReadiness = true;
        }
    }

    /** Lets the services report "ready" (after {@link #holdReadiness()}). */
    public void releaseReadiness() throws IOException {
        Files.deleteIfExists(config.readinessHoldFile());
    }

    /** Starts a stack and returns it once every service is ready; on failure, stops what started. */
    public static LocalStack start(StackConfig config) throws IOException {
        LocalStack stack = prepare(config);
        stack.start();
        return stack;
    }

    /**
     * Starts everything. Throws {@link AlreadyRunningException} if another stack uses the data dir;
     * on any failure stops what was started before rethrowing.
     */
    public void start() throws IOException {
        try {
            doStart();
        } catch (IOException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void doStart() throws IOException {
        long begin = System.nanoTime();
        for (ServiceDefinition service : config.services()) {
            Path jar = service.runJar(config.repoRoot());
            if (!Files.isRegularFile(jar)) {
                throw new IOException(jar + " is missing: build it with ./mvnw -DskipTests package");
            }
        }
        StackProperties properties;
        synchronized (lifecycle) {
            requireOpen();
            if (started) {
                throw new IllegalStateException("the stack was started already");
            }
            started = true;
            lock = DataDirLock.acquire(config.dataDir(), urls());
            if (config.reset()) {
                wipeDataDir();
            }
            Files.createDirectories(config.logDir());
            Files.createDirectories(config.dataDir().resolve("run"));
            if (holdReadiness) {
                Files.writeString(config.readinessHoldFile(), "held by the launcher (pid " + ProcessHandle.current().pid()
                        + ") until the demo data is loaded\n");
            } else {
                Files.deleteIfExists(config.readinessHoldFile());
            }
            endOrphans();
            checkPortsFree();
            properties = StackProperties.load(config.dataDir().resolve("stack.properties"));
            // The key pair the services verify bearer tokens with (new after a reset)
            tokens = LocalTokens.forDataDir(config.dataDir());
            // the dashboard of the local stack offers the demo's users to sign in with
            tokens.writeDemoUsers(config.demoUsersFile(), LocalTokens.DEFAULT_LIFETIME);
        }

        long t = System.nanoTime();
        synchronized (lifecycle) {
            requireOpen();
            postgres = new PostgresServer(config, properties);
            postgres.start();
        }
        startTimes.put("postgres", since(t));

        t = System.nanoTime();
        synchronized (lifecycle) {
            requireOpen();
            kafka = new KafkaBroker(config);
            KafkaBroker broker = kafka;
            kafka.onUnexpectedExit((name, code) -> {
                unexpectedExitListener.accept(name, code);
                restartLater(name, broker::launch, broker::awaitReady);
            });
            kafka.launch();
        }
        kafka.awaitReady(Duration.ofSeconds(120));
        startTimes.put("kafka", since(t));

        // Replicas start in waves, every service's first replica first: the first wave creates the
        // schemas, and a small machine does not have to boot every JVM at once.
        for (int replica = 1; replica <= config.replicas(); replica++) {
            Map<ServiceProcess, Long> launched = new LinkedHashMap<>();
            for (ServiceDefinition definition : config.services()) {
                synchronized (lifecycle) {
                    requireOpen();
                    ServiceProcess service = new ServiceProcess(config, definition, replica, postgres.password(definition),
                            postgres.ownerPassword(definition));
                    service.onUnexpectedExit((name, code) -> {
                        unexpectedExitListener.accept(name, code);
                        restartLater(name, service::launch, service::awaitReady);
                    });
                    services.computeIfAbsent(definition, d -> new ArrayList<>()).add(service);
                    launched.put(service, System.nanoTime());
                    service.launch();
                }
            }
            awaitServicesReady(launched);
        }
        totalStartTime = since(begin);
    }

    private void awaitServicesReady(Map<ServiceProcess, Long> launched) throws IOException {
        if (launched.isEmpty()) {
            return;
        }
        ExecutorService executor = Executors.newFixedThreadPool(launched.size(), runnable -> {
            Thread thread = new Thread(runnable, "await-service-ready");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<ServiceProcess, Future<Duration>> pending = new LinkedHashMap<>();
            launched.forEach((service, launchedAt) -> pending.put(service, executor.submit(() -> {
                service.awaitReady(config.serviceReadyTimeout());
                return since(launchedAt);
            })));
            while (!pending.isEmpty()) {
                for (var entry : new ArrayList<>(pending.entrySet())) {
                    if (!entry.getValue().isDone()) {
                        continue;
                    }
                    pending.remove(entry.getKey());
                    try {
                        startTimes.put(entry.getKey().name(), entry.getValue().get());
                    } catch (ExecutionException e) {
                        pending.values().forEach(f -> f.cancel(true));
                        if (e.getCause() instanceof IOException io) {
                            throw io;
                        }
                        throw new IOException(entry.getKey().name() + " failed to start: " + e.getCause(), e.getCause());
                    }
                }
                synchronized (lifecycle) {
                    requireOpen();
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the services", e);
        } finally {
            executor.shutdownNow();
        }
    }

    /** Child processes that a killed launcher left behind on this data dir: services first, then Kafka. */
    private void endOrphans() throws IOException {
        Path run = config.dataDir().resolve("run");
        for (ServiceDefinition service : ServiceDefinition.values()) {
            // every replica a launcher ever started here, also with more replicas than this one
            for (int replica = 1; replica <= StackConfig.MAX_REPLICAS; replica++) {
                ChildProcess.killOrphan(run.resolve(StackConfig.replicaName(service, replica) + ".pid"),
                        service.runJar(config.repoRoot()).toString());
            }
        }
        ChildProcess.killOrphan(run.resolve("kafka.pid"), config.dataDir().resolve("kafka/server.properties").toString());
    }

    /** A clear message instead of a child's bind error when some other program uses a port. */
    private void checkPortsFree() throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("PostgreSQL (" + StackConfig.PG_PORT_VARIABLE + ")", config.pgPort());
        ports.put("Kafka (" + StackConfig.KAFKA_PORT_VARIABLE + ")", config.kafkaPort());
        ports.put("Kafka controller (" + StackConfig.KAFKA_PORT_VARIABLE + " + 1)", config.kafkaControllerPort());
        for (ServiceDefinition service : config.services()) {
            for (int replica = 1; replica <= config.replicas(); replica++) {
                ports.put(StackConfig.replicaName(service, replica) + " (" + service.portVariable()
                        + (replica == 1 ? "" : " + " + (replica - 1) * StackConfig.REPLICA_PORT_STEP) + ")",
                        config.port(service, replica));
            }
        }
        Map<Integer, String> seen = new java.util.HashMap<>();
        for (var entry : ports.entrySet()) {
            String clash = seen.putIfAbsent(entry.getValue(), entry.getKey());
            if (clash != null) {
                throw new IOException("port " + entry.getValue() + " is configured twice: " + clash + " and " + entry.getKey());
            }
            try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress("127.0.0.1", entry.getValue()));
            } catch (IOException e) {
                throw new IOException("port " + entry.getValue() + " for " + entry.getKey()
                        + " is in use by another program: stop that program, or choose another port with that variable");
            }
        }
    }

    private void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("the stack is shutting down");
        }
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    /** Deletes everything in the data dir but the lock file and the cache of PostgreSQL binaries (pg-bin). */
    private void wipeDataDir() throws IOException {
        Path dataDir = config.dataDir();
        if (Files.exists(dataDir.resolve(".git")) || Files.exists(dataDir.resolve("pom.xml"))
                || dataDir.equals(config.repoRoot()) || dataDir.getParent() == null) {
            throw new IOException("refusing to reset " + dataDir + ": it does not look like a data directory");
        }
        try (Stream<Path> entries = Files.list(dataDir)) {
            List<String> keep = List.of(DataDirLock.FILE_NAME, "pg-bin");
            for (Path entry : entries.filter(p -> !keep.contains(p.getFileName().toString())).toList()) {
                deleteRecursively(entry);
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Stops the services (in parallel), then Kafka, then PostgreSQL; releases the data dir. Idempotent. */
    @Override
    public void close() {
        List<ServiceProcess> runningServices;
        KafkaBroker broker;
        PostgresServer database;
        DataDirLock dataDirLock;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            runningServices = new ArrayList<>();
            services.values().forEach(runningServices::addAll);
            broker = kafka;
            database = postgres;
            dataDirLock = lock;
        }
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess service : runningServices) {
            Thread stopper = new Thread(service::stop, "stop-" + service.name());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (broker != null) {
            broker.stop();
        }
        if (database != null) {
            database.stop();
        }
        if (dataDirLock != null) {
            try {
                dataDirLock.close();
            } catch (IOException e) {
                System.err.println("Releasing " + config.dataDir() + ": " + e.getMessage());
            }
        }
    }

    /**
     * Starts a service replica or the broker again when it exits without being asked to (a crash, a
     * {@code kill -9}), as a process supervisor would; reports each restart to {@code listener} with
     * "ready in ..." or why it failed. Parts stopped or killed through this class are not restarted.
     */
    public void restartCrashed(BiConsumer<String, String> listener) {
        this.restartListener = listener;
        this.restartCrashed = true;
    }

    private interface Launch {
        void run() throws IOException;
    }

    private interface AwaitReady {
        void run(Duration timeout) throws IOException;
    }

    private void restartLater(String name, Launch launch, AwaitReady awaitReady) {
        if (!restartCrashed) {
            return;
        }
        Thread restarter = new Thread(() -> {
            try {
                Thread.sleep(RESTART_PAUSE.toMillis());
                long begin = System.nanoTime();
                synchronized (lifecycle) {
                    if (closed) {
                        return;
                    }
                    launch.run();
                }
                awaitReady.run(config.serviceReadyTimeout());
                restartListener.accept(name, "ready again in " + since(begin).toMillis() + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                if (!isClosed()) {
                    restartListener.accept(name, "failed to start again: " + e.getMessage());
                }
            }
        }, "restart-" + name);
        restarter.setDaemon(true);
        restarter.start();
    }

    /** True once {@link #close()} has begun (also after a failed start, which closes the stack). */
    public boolean isClosed() {
        synchronized (lifecycle) {
            return closed;
        }
    }

    /** Called when the broker or a service exits without being asked to (not for stop or kill). */
    public void onUnexpectedExit(BiConsumer<String, Integer> listener) {
        this.unexpectedExitListener = listener;
    }

    public StackConfig config() {
        return config;
    }

    /** Mints bearer tokens the services of this stack accept (the data dir's key pair). */
    public LocalTokens tokens() {
        synchronized (lifecycle) {
            if (tokens == null) {
                throw new IllegalStateException("the stack is not started");
            }
            return tokens;
        }
    }

    public PostgresServer postgres() {
        synchronized (lifecycle) {
            if (postgres == null) {
                throw new IllegalStateException("PostgreSQL is not started");
            }
            return postgres;
        }
    }

    public KafkaBroker kafka() {
        synchronized (lifecycle) {
            if (kafka == null) {
                throw new IllegalStateException("Kafka is not started");
            }
            return kafka;
        }
    }

    public ServiceProcess service(String name) {
        return service(ServiceDefinition.byName(name));
    }

    /** The first replica of a service. */
    public ServiceProcess service(ServiceDefinition definition) {
        return replicas(definition).get(0);
    }

    /** Every replica of a service, the first one first. */
    public List<ServiceProcess> replicas(ServiceDefinition definition) {
        synchronized (lifecycle) {
            List<ServiceProcess> replicas = services.get(definition);
            if (replicas == null || replicas.isEmpty()) {
                throw new IllegalStateException(definition.serviceName() + " is not part of this stack");
            }
            return List.copyOf(replicas);
        }
    }

    public List<ServiceProcess> replicas(String name) {
        return replicas(ServiceDefinition.byName(name));
    }

    /** Every replica of every service. */
    public List<ServiceProcess> services() {
        synchronized (lifecycle) {
            List<ServiceProcess> all = new ArrayList<>();
            services.values().forEach(all::addAll);
            return all;
        }
    }

    /** How long each component took to start (postgres, kafka, each service), in start order. */
    public Map<String, Duration> startTimes() {
        synchronized (startTimes) {
            return new LinkedHashMap<>(startTimes);
        }
    }

    public Duration totalStartTime() {
        return totalStartTime;
    }

    /** The addresses of the stack, as shown to a second launcher on the same data dir. */
    public List<String> urls() {
        List<String> urls = new ArrayList<>();
        for (ServiceDefinition service : config.services()) {
            for (int replica = 1; replica <= config.replicas(); replica++) {
                urls.add(StackConfig.replicaName(service, replica) + " " + config.baseUrl(service, replica));
            }
        }
        urls.add("postgres " + config.jdbcUrl());
        urls.add("kafka " + config.kafkaBootstrap());
        return urls;
    }
}
