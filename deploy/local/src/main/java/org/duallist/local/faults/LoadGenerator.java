package org.duallist.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.duallist.contracts.Actor;
import org.duallist.contracts.UnitSide;
import org.duallist.local.LocalTokens;

/**
 * Sends a realistic mix of commands through the public API at a fixed rate: tasks are filed,
 * registered, claimed, reported on, reported complete and accepted, each command with its own
 * {@code Idempotency-Key}. After a timeout, a connection error, a 5xx or a 409 (the same key still
 * in flight, or the step not yet known downstream) it sends the same command again with the same
 * key, to another replica, until it gets an answer or gives up. It keeps a record of every command
 * for the checks that follow.
 */
public final class LoadGenerator {

    static final String REGION = "150100";
    static final String REQUESTER = "呼和浩特警备区政治工作处";
    static final String RESPONSIBLE = "呼和浩特市教育局";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    /** One step of a task's journey: which service takes it, and where. */
    public enum Step {
        FILE(false, "TaskFiledEvent"),
        REGISTER(false, "TaskRegisteredEvent"),
        CLAIM(false, "TaskClaimedEvent"),
        REPORT_PROGRESS(true, "ProgressReportedEvent"),
        REPORT_COMPLETION(true, "CompletionReportedEvent"),
        ACCEPT(true, "CompletionAcceptedEvent");

        final boolean onProgressService;
        /** The event the command stores (simple name of its contract class). */
        final String event;

        Step(boolean onProgressService, String event) {
            this.onProgressService = onProgressService;
            this.event = event;
        }

        public String event() {
            return event;
        }

        public String storeSchema() {
            return onProgressService ? "progress" : "registration";
        }
    }

    /** What happened to one command. */
    public static final class CommandRecord {
        public final Step step;
        public final String key = UUID.randomUUID().toString();
        public volatile String taskId;
        public volatile int attempts;
        public volatile int status;
        public volatile boolean replayed;
        public volatile String refusal;
        public volatile long sentNanos;
        public volatile long answeredNanos;

        CommandRecord(Step step, String taskId) {
            this.step = step;
            this.taskId = taskId;
        }

        public boolean answered() {
            return status / 100 == 2;
        }
    }

    /**
     * @param commandsPerSecond the rate the generator keeps to while the services answer
     * @param workers           journeys (of six commands each) under way at once
     * @param giveUpAfter       how long one command is retried before it counts as unanswered
     */
    public record Settings(double commandsPerSecond, int workers, long seed, Duration giveUpAfter) {
    }

    private final Settings settings;
    private final List<URI> registration;
    private final List<URI> progress;
    private final String requesterToken;
    private final String responsibleToken;
    private final String officeToken;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private final ConcurrentLinkedQueue<CommandRecord> records = new ConcurrentLinkedQueue<>();
    private final AtomicInteger replica = new AtomicInteger();
    private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final LocalDate deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(60);
    private volatile boolean stopped;
    private volatile boolean finishing;
    private final List<Thread> threads = new ArrayList<>();

    public LoadGenerator(Settings settings, List<String> registrationUrls, List<String> progressUrls, LocalTokens tokens) {
        this.settings = settings;
        this.registration = registrationUrls.stream().map(LoadGenerator::base).toList();
        this.progress = progressUrls.stream().map(LoadGenerator::base).toList();
        Duration lifetime = Duration.ofHours(12);
        this.requesterToken = tokens.mint(LocalTokens.unit(REQUESTER, UnitSide.MILITARY, REGION), lifetime);
        this.responsibleToken = tokens.mint(LocalTokens.unit(RESPONSIBLE, UnitSide.CIVIL, REGION), lifetime);
        this.officeToken = tokens.mint(LocalTokens.office(REGION), lifetime);
    }

    private static URI base(String url) {
        return URI.create(url.endsWith("/") ? url : url + "/");
    }

    public void start() {
        for (int i = 0; i < settings.workers(); i++) {
            long seed = settings.seed() * 1_000 + i;
            Thread worker = new Thread(() -> runJourneys(new Random(seed)), "load-generator-" + i);
            worker.setDaemon(true);
            threads.add(worker);
            worker.start();
        }
    }

    /** Waits until every journey has ended (each command answered or given up). */
    public void awaitCompletion() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** Starts no new journey; those under way go on to their end. */
    public void finish() {
        finishing = true;
    }

    /** Stops at once: no command is sent or retried any more. */
    public void stop() {
        stopped = true;
    }

    public boolean isDone() {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    public List<CommandRecord> records() {
        return List.copyOf(records);
    }

    /** Commands sent so far, retries not counted. */
    public int commandsSent() {
        return sent.get();
    }

    /** Requests sent again with the same key. */
    public int retries() {
        return retries.get();
    }

    private void runJourneys(Random random) {
        while (!stopped && !finishing) {
            String taskId = null;
            for (Step step : Step.values()) {
                if (stopped) {
                    return;
                }
                pace();
                CommandRecord record = new CommandRecord(step, taskId);
                records.add(record);
                sent.incrementAndGet();
                execute(record, random);
                if (!record.answered()) {
                    break; // the task stays where it is; the checks still count what was stored
                }
                taskId = record.taskId;
            }
        }
    }

    /** Keeps the fixed rate; after a stall it goes on at the rate rather than catching up in a burst. */
    private void pace() {
        long interval = (long) (1_000_000_000L / settings.commandsPerSecond());
        long now = System.nanoTime();
        long slot = nextSlot.getAndAdd(interval);
        if (slot < now - interval * 4) {
            nextSlot.set(now + interval);
            slot = now;
        }
        long wait = slot - now;
        if (wait > 0) {
            sleep(Duration.ofNanos(wait));
        }
    }

    private void execute(CommandRecord record, Random random) {
        String body = body(record.step, random);
        long giveUpAt = System.nanoTime() + settings.giveUpAfter().toNanos();
        int target = replica.getAndIncrement();
        Duration backoff = Duration.ofMillis(100);
        record.sentNanos = System.nanoTime();
        while (true) {
            record.attempts++;
            if (record.attempts > 1) {
                retries.incrementAndGet();
            }
            List<URI> replicas = record.step.onProgressService ? progress : registration;
            URI service = replicas.get(Math.floorMod(target, replicas.size()));
            try {
                HttpResponse<String> response = http.send(request(service, record, body), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    record.replayed = response.headers().firstValue("Idempotent-Replayed").isPresent();
                    if (record.step == Step.FILE) {
                        record.taskId = createdId(response);
                    }
                    record.answeredNanos = System.nanoTime();
                    record.status = status;
                    return;
                }
                if (status == 429) {
                    backoff = Duration.ofSeconds(response.headers().firstValueAsLong("Retry-After").orElse(1));
                } else if (!(status >= 500 || status == 409 || status == 404 && record.step.onProgressService)) {
                    record.status = status;
                    record.refusal = response.body();
                    return;
                }
            } catch (IOException e) {
                target++; // that replica may be down: the next try goes to another
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (System.nanoTime() > giveUpAt || stopped) {
                return;
            }
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            target++;
        }
    }

    private HttpRequest request(URI service, CommandRecord record, String body) {
        String path = record.step == Step.FILE ? "api/tasks" : "api/tasks/" + record.taskId + "/" + switch (record.step) {
            case REGISTER -> "registration";
            case CLAIM -> "claim";
            case REPORT_PROGRESS -> "progress";
            case REPORT_COMPLETION -> "completion";
            case ACCEPT -> "acceptance";
            case FILE -> throw new IllegalStateException();
        };
        String token = switch (record.step) {
            case FILE, ACCEPT -> requesterToken;
            case REGISTER -> officeToken;
            case CLAIM, REPORT_PROGRESS, REPORT_COMPLETION -> responsibleToken;
        };
        HttpRequest.Builder builder = HttpRequest.newBuilder(service.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", record.key)
                .header("Accept", "application/json, application/problem+json");
        if (body == null) {
            return builder.POST(HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private String body(Step step, Random random) {
        ObjectNode body = JSON.createObjectNode();
        int n = random.nextInt(1_000_000);
        switch (step) {
            case FILE -> body.put("list", "SUPPORT_THE_MILITARY").put("regionCode", REGION)
                    .put("year", deadline.getYear()).put("title", "驻军营区周边道路维修 " + n)
                    .put("content", "营区周边道路破损，影响官兵出行和车辆通行，请协调维修。编号 " + n)
                    .put("category", "CAMP_SURROUNDINGS").put("requesterUnit", REQUESTER)
                    .put("contactName", "李志刚").put("contactPhone", "0471-6902156");
            case REGISTER -> body.put("responsibleUnit", RESPONSIBLE).put("deadline", deadline.toString())
                    .put("qualityRequirement", "按期完成并书面反馈");
            case REPORT_PROGRESS -> body.put("percent", 10 + random.nextInt(80)).put("narrative", "已完成现场勘察和方案制定。");
            case REPORT_COMPLETION -> {
                body.put("summary", "已完成全部工作并书面反馈提出单位。");
                body.set("evidenceLinks", JSON.createArrayNode());
            }
            case CLAIM, ACCEPT -> {
                return null;
            }
        }
        return body.toString();
    }

    static String createdId(HttpResponse<String> response) throws IOException {
        if (response.body() != null && !response.body().isBlank()) {
            JsonNode id = JSON.readTree(response.body()).get("id");
            if (id != null && id.isTextual()) {
                return id.asText();
            }
        }
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IOException("filing answered " + response.statusCode() + " without id or Location"));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
