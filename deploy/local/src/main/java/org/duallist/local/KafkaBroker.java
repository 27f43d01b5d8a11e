package org.duallist.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka (KRaft, broker and controller in one process) as a child process of the
 * launcher, on {@code <data>/kafka}. Formatted once; later starts reuse the logs.
 */
public final class KafkaBroker {

    private final StackConfig config;
    private final ChildProcess process;

    KafkaBroker(StackConfig config) {
        this.config = config;
        List<String> command = javaCommand("kafka.Kafka", serverProperties().toString());
        command.addAll(1, config.profilingOptions("kafka"));
        this.process = new ChildProcess("kafka", command, Map.of(),
                config.dataDir(), config.logFile("kafka"), config.dataDir().resolve("run"), serverProperties().toString());
    }

    public Path home() {
        return config.dataDir().resolve("kafka");
    }

    public Path serverProperties() {
        return home().resolve("server.properties");
    }

    public Path logDirectory() {
        return home().resolve("logs");
    }

    public String bootstrapServers() {
        return config.kafkaBootstrap();
    }

    /** Starts the broker on the same data and waits until it answers (at most 120 s). */
    public void start() throws IOException {
        launch();
        awaitReady(Duration.ofSeconds(120));
    }

    /** SIGTERM (controlled shutdown) and wait; SIGKILL after the grace period. */
    public synchronized void stop() {
        process.stop(config.stopGrace());
    }

    /** SIGKILL: the broker crashes (for fault tests). {@link #start()} recovers its logs. */
    public synchronized void kill() {
        process.kill();
    }

    /** SIGSTOP: the broker hangs, its connections stay open and nothing answers (for fault tests). */
    public void hang() throws IOException {
        signal("STOP");
    }

    /** SIGCONT after {@link #hang()}. */
    public void resume() throws IOException {
        signal("CONT");
    }

    private void signal(String name) throws IOException {
        long pid = pid();
        if (pid <= 0) {
            throw new IllegalStateException("Kafka is not running");
        }
        try {
            int exit = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IOException("kill -" + name + " " + pid + " failed (exit " + exit + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid().orElse(-1L);
    }

    void onUnexpectedExit(java.util.function.BiConsumer<String, Integer> listener) {
        process.onUnexpectedExit(listener);
    }

    synchronized void launch() throws IOException {
        Files.createDirectories(logDirectory());
        Files.createDirectories(config.logDir());
        config.createProfileDirectory("kafka");
        writeConfiguration();
        if (!Files.exists(logDirectory().resolve("meta.properties"))) {
            format();
        }
        process.launch();
    }

    void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Kafka exited with code " + process.exitCode().map(String::valueOf).orElse("?")
                        + "; last lines of " + process.logFile() + ":\n" + ChildProcess.tail(process.logFile(), 40));
            }
            if (portOpen()) {
                try (Admin admin = Admin.create(adminProperties())) {
                    int nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                    if (nodes > 0) {
                        return;
                    }
                    lastProblem = "no broker registered yet";
                } catch (Exception e) {
                    lastProblem = e.toString();
                }
            }
            sleep(200);
        }
        throw new IOException("Kafka did not become ready within " + timeout.toSeconds() + " s (" + lastProblem
                + "); last lines of " + process.logFile() + ":\n" + ChildProcess.tail(process.logFile(), 40));
    }

    private boolean portOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", config.kafkaPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Properties adminProperties() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "dual-list-launcher");
        return properties;
    }

    private void format() throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        List<String> command = javaCommand("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                serverProperties().toString());
        Path log = config.logFile("kafka");
        Files.writeString(log, "==== launcher formats " + logDirectory() + " (cluster id " + clusterId + ")\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process format = new ProcessBuilder(command)
                .directory(config.dataDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!format.waitFor(120, TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new IOException("formatting the Kafka log directory timed out");
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while formatting the Kafka log directory", e);
        }
        if (format.exitValue() != 0) {
            throw new IOException("formatting the Kafka log directory failed (exit " + format.exitValue()
                    + "); last lines of " + log + ":\n" + ChildProcess.tail(log, 30));
        }
    }

    private List<String> javaCommand(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseG1GC");
        command.add("-XX:MaxGCPauseMillis=20");
        command.add("-Djava.awt.headless=true");
        command.add("-Dfile.encoding=UTF-8");
        command.add("-Dlog4j2.configurationFile=" + home().resolve("log4j2.properties"));
        command.add("-Dkafka.logs.dir=" + config.logDir());
        command.add("-cp");
        command.add(config.kafkaClassPath());
        command.add(mainClass);
        command.addAll(List.of(arguments));
        return command;
    }

    private void writeConfiguration() throws IOException {
        int port = config.kafkaPort();
        int controllerPort = config.kafkaControllerPort();
        String server = String.join("\n",
                "# Written by the Dual List launcher on every start: single-node KRaft (broker and controller).",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDirectory(),
                "num.partitions=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "log.retention.ms=-1",
                "log.retention.bytes=-1",
                "");
        Files.writeString(serverProperties(), server, StandardCharsets.UTF_8);
        Path kafkaLog = config.logFile("kafka");
        String log4j = String.join("\n",
                "# Written by the Dual List launcher: the broker logs to " + kafkaLog,
                "status = warn",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = " + kafkaLog,
                "appender.file.append = true",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.file.ref = file",
                "logger.request.name = kafka.request.logger",
                "logger.request.level = warn",
                "logger.clients.name = org.apache.kafka.clients",
                "logger.clients.level = warn",
                "logger.network.name = kafka.network",
                "logger.network.level = warn",
                "");
        Files.writeString(home().resolve("log4j2.properties"), log4j, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
