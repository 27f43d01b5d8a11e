package org.duallist.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.duallist.contracts.CloudEventsKafkaBinding;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.Topics;

/**
 * Workload 3, propagation: how long after a command's 2xx its effect shows in the query API, while
 * an open-loop load of filing and registering runs at a fixed rate (half the best throughput of
 * workload 1). The load sends each command at its scheduled time whether or not the previous ones
 * were answered, and times it from that scheduled time, so a backlog shows in its latencies.
 *
 * <p>Beside it, {@link #PROBES} probes each take tasks through their way one step at a time and
 * time each step's propagation: filing (until {@code GET /api/tasks/{id}} answers 200), registration
 * (until the office's notification stream {@code /api/notifications/stream} brings the task's
 * ASSIGNED event, which the query service sends in the transaction that applies the event), claim
 * (until the task reads CLAIMED) and completion (until its COMPLETION_REPORTED notification). A
 * step seen by reading is polled every {@link #POLL}, so those figures are up to that much late.
 * Every registration of the load is timed the same way, from its 2xx to its ASSIGNED notification.
 */
public final class Propagation {

    public static final int PROBES = 2;
    public static final Duration POLL = Duration.ofMillis(10);
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(60);
    private static final int LOAD_THREADS = 96;

    /** The steps whose propagation is timed, in the order a probe takes them. */
    public enum Step {
        FILED("filing → task readable (polled)"),
        REGISTERED("registration → ASSIGNED notification (SSE)"),
        CLAIMED("claim → status CLAIMED (polled)"),
        COMPLETED("completion → COMPLETION_REPORTED notification (SSE)"),
        LOAD_REGISTERED("every registration of the load → its ASSIGNED notification (SSE)"),
        LOAD_REGISTERED_PUBLISHED("… of which: 2xx → its event on Kafka (read by an idle consumer of the bench)"),
        LOAD_REGISTERED_APPLIED("… of which: event on Kafka → ASSIGNED notification (consumed, projected, notified)");

        private final String description;

        Step(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** The load as offered and as answered, and the propagation per step and overall. */
    public record Result(double targetCommandsPerSecond, double sentCommandsPerSecond, long loadCommands,
                         Latencies.Summary loadLatency, double[] loadCurve, Map<String, Long> loadNotAnswered2xx,
                         Map<Step, Latencies.Summary> byStep, Map<Step, double[]> curves, Latencies.Summary all,
                         Map<String, Long> probeFailures, double seconds, long loadBacklog) {
    }

    private final BenchHttp http;
    private final long seed;
    private final String kafkaBootstrap;

    public Propagation(BenchHttp http, long seed, String kafkaBootstrap) {
        this.http = http;
        this.seed = seed;
        this.kafkaBootstrap = kafkaBootstrap;
    }

    public Result run(double commandsPerSecond, Duration duration) throws InterruptedException, IOException {
        Map<Step, Latencies> propagation = new LinkedHashMap<>();
        for (Step step : Step.values()) {
            propagation.put(step, new Latencies());
        }
        Map<String, AtomicLong> probeFailures = new ConcurrentHashMap<>();
        try (Notifications notifications = Notifications.open(http);
             RegistrationsOnKafka onKafka = RegistrationsOnKafka.open(kafkaBootstrap)) {
            AtomicBoolean running = new AtomicBoolean(true);
            OpenLoad load = new OpenLoad(http, seed, commandsPerSecond);
            List<Thread> probes = new ArrayList<>();
            for (int p = 0; p < PROBES; p++) {
                Random random = new Random(seed * 10_000 + 3_000 + p);
                Thread probe = new Thread(() -> {
                    int n = 0;
                    while (running.get()) {
                        try {
                            probe(random, ++n, notifications, propagation);
                            Thread.sleep(100 + random.nextInt(200));
                        } catch (ProbeFailed e) {
                            probeFailures.computeIfAbsent(e.getMessage(), k -> new AtomicLong()).incrementAndGet();
                        } catch (IOException e) {
                            probeFailures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }, "bench-probe-" + p);
                probes.add(probe);
            }
            long begin = System.nanoTime();
            load.start();
            probes.forEach(Thread::start);
            Thread.sleep(duration.toMillis());
            running.set(false);
            OpenLoad.Outcome offered = load.stop();
            for (Thread probe : probes) {
                probe.join(VISIBLE_WITHIN.toMillis() * 2);
            }
            timeLoadRegistrations(offered.registeredAt(), notifications, propagation.get(Step.LOAD_REGISTERED), probeFailures);
            splitLoadRegistrations(offered.registeredAt(), notifications, onKafka, propagation.get(Step.LOAD_REGISTERED_PUBLISHED),
                    propagation.get(Step.LOAD_REGISTERED_APPLIED));
            double seconds = (System.nanoTime() - begin) / 1e9;
            Latencies all = new Latencies();
            Map<Step, Latencies.Summary> bySummary = new LinkedHashMap<>();
            Map<Step, double[]> curves = new LinkedHashMap<>();
            propagation.forEach((step, l) -> {
                if (step.ordinal() < Step.LOAD_REGISTERED.ordinal()) {
                    all.addAll(l);
                }
                bySummary.put(step, l.summary());
                curves.put(step, l.curve());
            });
            Map<String, Long> failed = new TreeMap<>();
            probeFailures.forEach((k, v) -> failed.put(k, v.get()));
            return new Result(commandsPerSecond, offered.sent() / offered.seconds(), offered.sent(), offered.latency().summary(),
                    offered.latency().curve(), offered.failures(), bySummary, curves, all.summary(), failed, seconds, offered.backlog());
        }
    }

    /**
     * The propagation of every registration the load made: from its 2xx to its ASSIGNED
     * notification on the office's stream (which may come before the answer reached the caller:
     * then 0), waiting at most {@link #VISIBLE_WITHIN} for the last ones.
     */
    private static void timeLoadRegistrations(Map<String, Long> registeredAt, Notifications notifications, Latencies latencies,
                                              Map<String, AtomicLong> failures) throws InterruptedException {
        long until = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        for (Map.Entry<String, Long> registered : registeredAt.entrySet()) {
            Long arrived = notifications.assignedAt(registered.getKey());
            while (arrived == null && System.nanoTime() < until) {
                Thread.sleep(5);
                arrived = notifications.assignedAt(registered.getKey());
            }
            if (arrived == null) {
                failures.computeIfAbsent("load registration without its ASSIGNED notification within " + VISIBLE_WITHIN.toSeconds() + " s",
                        k -> new AtomicLong()).incrementAndGet();
            } else {
                latencies.record(Math.max(0, arrived - registered.getValue()));
            }
        }
    }

    /**
     * Where the time of each load registration's propagation went: until its event was on Kafka (the
     * registration service's publisher), and from there to the notification (the query service's
     * consumer, projection and notification). A registration whose event or notification was not
     * seen counts in neither; an event on Kafka before the 2xx reached the caller counts 0.
     */
    private static void splitLoadRegistrations(Map<String, Long> registeredAt, Notifications notifications, RegistrationsOnKafka onKafka,
                                               Latencies published, Latencies applied) {
        for (Map.Entry<String, Long> registered : registeredAt.entrySet()) {
            Long arrived = notifications.assignedAt(registered.getKey());
            Long seen = onKafka.registeredAt(registered.getKey());
            if (arrived == null || seen == null) {
                continue;
            }
            published.record(Math.max(0, seen - registered.getValue()));
            applied.record(Math.max(0, arrived - Math.max(seen, registered.getValue())));
        }
    }

    /**
     * When each task's registration event reached a consumer of the bench's own that does nothing
     * else: the time it was on Kafka, as near as the bench can see it.
     */
    static final class RegistrationsOnKafka implements AutoCloseable {
        private final Map<String, Long> registeredAt = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread reader;

        private RegistrationsOnKafka(KafkaConsumer<String, byte[]> consumer) {
            this.reader = new Thread(() -> read(consumer), "bench-registrations-on-kafka");
            reader.setDaemon(true);
        }

        static RegistrationsOnKafka open(String bootstrap) {
            Properties settings = new Properties();
            settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.REGISTRATION).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            // from the end: only what the load publishes from now on
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            RegistrationsOnKafka watcher = new RegistrationsOnKafka(consumer);
            watcher.reader.start();
            return watcher;
        }

        private void read(KafkaConsumer<String, byte[]> consumer) {
            String registered = EventTypes.TASK_REGISTERED.name();
            try (consumer) {
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        Header type = record.headers().lastHeader(CloudEventsKafkaBinding.HEADER_TYPE);
                        if (type != null && registered.equals(new String(type.value(), StandardCharsets.UTF_8)) && record.key() != null) {
                            registeredAt.putIfAbsent(record.key(), now);
                        }
                    }
                }
            } catch (RuntimeException e) {
                // the broker went away at the end of the run: what was seen until then counts
            }
        }

        /** When the task's registration event was seen on Kafka ({@link System#nanoTime()}), or null. */
        Long registeredAt(String taskId) {
            return registeredAt.get(taskId);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            reader.join(5_000);
        }
    }

    /** One task's way, each step timed from its 2xx to its effect in the query API. */
    private void probe(Random random, int n, Notifications notifications, Map<Step, Latencies> propagation)
            throws IOException, InterruptedException {
        BenchHttp.Tokens who = http.tokens();
        HttpResponse<String> filed = http.post(http.registration(), "api/tasks", who.requester(),
                CommandWorkload.filingBody(random.nextInt(1_000_000), 900_000 + n));
        long answered = System.nanoTime();
        require(filed, "filing");
        String id = BenchHttp.Json.MAPPER.readTree(filed.body()).path("id").asText();
        notifications.watch(id);
        try {
            awaitRead(id, null, answered, propagation.get(Step.FILED));

            String deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(3).toString();
            HttpResponse<String> registered = http.post(http.registration(), "api/tasks/" + id + "/registration", who.office(),
                    CommandWorkload.registrationBody(deadline));
            answered = System.nanoTime();
            require(registered, "registration");
            propagation.get(Step.REGISTERED).record(notifications.await(id, "ASSIGNED", VISIBLE_WITHIN) - answered);

            HttpResponse<String> claimed = http.post(http.registration(), "api/tasks/" + id + "/claim", who.responsible(), null);
            answered = System.nanoTime();
            require(claimed, "claim");
            awaitRead(id, "CLAIMED", answered, propagation.get(Step.CLAIMED));

            // the progress service learns the claim over Kafka too: not timed, only waited for
            HttpResponse<String> completed;
            long until = System.nanoTime() + VISIBLE_WITHIN.toNanos();
            do {
                completed = http.post(http.progress(), "api/tasks/" + id + "/completion", who.responsible(),
                        "{\"summary\":\"已办结，附验收材料。\",\"evidenceLinks\":[\"/files/bench/probe.pdf\"]}");
                if (completed.statusCode() == 404 || completed.statusCode() == 409) {
                    Thread.sleep(POLL.toMillis());
                }
            } while ((completed.statusCode() == 404 || completed.statusCode() == 409) && System.nanoTime() < until);
            answered = System.nanoTime();
            require(completed, "completion");
            propagation.get(Step.COMPLETED).record(notifications.await(id, "COMPLETION_REPORTED", VISIBLE_WITHIN) - answered);
        } finally {
            notifications.forget(id);
        }
    }

    /** Reads the task until it is there ({@code status} null) or shows {@code status}; records the time since {@code answered}. */
    private void awaitRead(String id, String status, long answered, Latencies latencies) throws IOException, InterruptedException {
        long until = answered + VISIBLE_WITHIN.toNanos();
        while (System.nanoTime() < until) {
            HttpResponse<String> read = http.get(http.query(), "api/tasks/" + id, http.tokens().office());
            long seen = System.nanoTime();
            if (read.statusCode() == 200 && (status == null
                    || status.equals(BenchHttp.Json.MAPPER.readTree(read.body()).path("status").asText()))) {
                latencies.record(seen - answered);
                return;
            }
            if (read.statusCode() != 200 && read.statusCode() != 404) {
                throw new ProbeFailed("reading a task answered " + read.statusCode());
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new ProbeFailed("a task was not " + (status == null ? "readable" : status) + " within " + VISIBLE_WITHIN.toSeconds() + " s");
    }

    private static void require(HttpResponse<String> answer, String what) {
        if (answer.statusCode() / 100 != 2) {
            throw new ProbeFailed(what + " answered " + answer.statusCode());
        }
    }

    /** A probe step that was refused or never became visible; counted, and the next probe starts. */
    private static final class ProbeFailed extends RuntimeException {
        ProbeFailed(String message) {
            super(message);
        }
    }

    /**
     * The office's notification stream (server-sent events): when each watched task's events
     * arrived, by event name.
     */
    static final class Notifications implements AutoCloseable {
        private final Set<String> watched = ConcurrentHashMap.newKeySet();
        private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        /** When each task's ASSIGNED notification arrived, for every task (the load's registrations are all timed). */
        private final Map<String, Long> assigned = new ConcurrentHashMap<>();
        private final java.util.concurrent.CompletableFuture<HttpResponse<Stream<String>>> response;
        private final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        private volatile Stream<String> lines;
        private Thread reader;

        private Notifications(BenchHttp http) {
            HttpRequest request = HttpRequest.newBuilder(http.query().resolve("api/notifications/stream"))
                    .header("Authorization", "Bearer " + http.tokens().office())
                    .header("Accept", "text/event-stream").GET().build();
            this.response = http.client().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        }

        static Notifications open(BenchHttp http) throws IOException, InterruptedException {
            Notifications notifications = new Notifications(http);
            HttpResponse<Stream<String>> answer;
            try {
                answer = notifications.response.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IOException("cannot open the notification stream: " + e, e);
            }
            if (answer.statusCode() != 200) {
                throw new IOException("the notification stream answered " + answer.statusCode());
            }
            notifications.lines = answer.body();
            notifications.reader = new Thread(() -> notifications.read(answer.body()), "bench-notifications");
            notifications.reader.setDaemon(true);
            notifications.reader.start();
            if (!notifications.ready.await(30, TimeUnit.SECONDS)) {
                throw new IOException("the notification stream sent no ready event within 30 s");
            }
            return notifications;
        }

        private void read(Stream<String> stream) {
            String[] event = {null};
            try {
                stream.forEach(line -> {
                    if (line.startsWith("event:")) {
                        event[0] = line.substring(6).strip();
                        if ("ready".equals(event[0])) {
                            ready.countDown();
                        }
                    } else if (line.startsWith("data:") && event[0] != null) {
                        long now = System.nanoTime();
                        try {
                            JsonNode data = BenchHttp.Json.MAPPER.readTree(line.substring(5).strip());
                            String taskId = data.path("taskId").asText();
                            if ("ASSIGNED".equals(event[0])) {
                                assigned.putIfAbsent(taskId, now);
                            }
                            if (watched.contains(taskId)) {
                                arrivals.putIfAbsent(event[0] + " " + taskId, now);
                            }
                        } catch (IOException e) {
                            // a line that is not JSON (the ready event's data is) is no task's event
                        }
                    } else if (line.isEmpty()) {
                        event[0] = null;
                    }
                });
            } catch (RuntimeException e) {
                // the stream ends when the benchmark closes it
            }
        }

        /** When the task's ASSIGNED notification arrived, or null when it has not (yet). */
        Long assignedAt(String taskId) {
            return assigned.get(taskId);
        }

        void watch(String taskId) {
            watched.add(taskId);
        }

        void forget(String taskId) {
            watched.remove(taskId);
            arrivals.keySet().removeIf(key -> key.endsWith(" " + taskId));
        }

        /** When the task's {@code event} arrived ({@link System#nanoTime()}), waiting for it at most {@code within}. */
        long await(String taskId, String event, Duration within) throws InterruptedException {
            long until = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < until) {
                Long arrived = arrivals.get(event + " " + taskId);
                if (arrived != null) {
                    return arrived;
                }
                Thread.sleep(1);
            }
            throw new ProbeFailed("no " + event + " notification within " + within.toSeconds() + " s");
        }

        @Override
        public void close() {
            response.cancel(true);
            Stream<String> open = lines;
            if (open != null) {
                open.close();
            }
        }
    }

    /** Filing and registering at a fixed rate, each command sent at its time and timed from it. */
    static final class OpenLoad {
        private final BenchHttp http;
        private final double rate;
        private final Random random;
        private final ThreadPoolExecutor senders = new ThreadPoolExecutor(LOAD_THREADS, LOAD_THREADS, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "bench-open-load");
                    thread.setDaemon(true);
                    return thread;
                });
        private final Queue<String> filed = new ConcurrentLinkedQueue<>();
        private final Latencies latency = new Latencies();
        private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        /** When each registration of the load was answered 2xx, by task. */
        private final Map<String, Long> registeredAt = new ConcurrentHashMap<>();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final String deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(3).toString();
        private Thread scheduler;
        private long begin;

        /** Commands sent (answered), the load's time, their latencies, what was not 2xx, and what was due but never sent. */
        record Outcome(long sent, double seconds, Latencies latency, Map<String, Long> failures, long backlog,
                       Map<String, Long> registeredAt) {
        }

        OpenLoad(BenchHttp http, long seed, double rate) {
            this.http = http;
            this.rate = rate;
            this.random = new Random(seed * 10_000 + 3_500);
        }

        void start() {
            begin = System.nanoTime();
            scheduler = new Thread(() -> {
                long interval = (long) (1e9 / rate);
                long next = begin;
                int n = 0;
                while (running.get()) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    long scheduled = next;
                    int variant = random.nextInt(1_000_000);
                    int number = 800_000 + ++n;
                    senders.execute(() -> send(scheduled, variant, number));
                    next += interval;
                }
            }, "bench-open-load-scheduler");
            scheduler.start();
        }

        private void send(long scheduled, int variant, int number) {
            String id = filed.poll();
            try {
                HttpResponse<String> answer = id == null
                        ? http.post(http.registration(), "api/tasks", http.tokens().requester(), CommandWorkload.filingBody(variant, number))
                        : http.post(http.registration(), "api/tasks/" + id + "/registration", http.tokens().office(),
                        CommandWorkload.registrationBody(deadline));
                long took = System.nanoTime() - scheduled;
                sent.incrementAndGet();
                if (answer.statusCode() / 100 != 2) {
                    failures.computeIfAbsent((id == null ? "filing " : "registration ") + answer.statusCode(), k -> new AtomicLong())
                            .incrementAndGet();
                    return;
                }
                latency.record(took);
                if (id != null) {
                    registeredAt.put(id, scheduled + took);
                }
                if (id == null) {
                    filed.add(BenchHttp.Json.MAPPER.readTree(answer.body()).path("id").asText());
                }
            } catch (IOException e) {
                failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        Outcome stop() throws InterruptedException {
            running.set(false);
            scheduler.join();
            double seconds = (System.nanoTime() - begin) / 1e9;
            // commands due but not yet sent when the time is up: the system fell behind the rate by that many
            List<Runnable> unsent = new ArrayList<>();
            senders.getQueue().drainTo(unsent);
            senders.shutdown();
            senders.awaitTermination(2, TimeUnit.MINUTES);
            Map<String, Long> failed = new TreeMap<>();
            failures.forEach((k, v) -> failed.put(k, v.get()));
            return new Outcome(sent.get(), seconds, latency, failed, unsent.size(), Map.copyOf(registeredAt));
        }
    }
}
