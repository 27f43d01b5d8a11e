package org.duallist.local.bench;

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
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workload 1: offices' work of filing and registering tasks through the public REST API, as fast as
 * {@code concurrency} callers can go (each waits for its answer before sending the next): a military
 * liaison office files a request ({@code POST /api/tasks}), the dual-support office registers it
 * ({@code POST /api/tasks/{id}/registration}). Each is one command, timed from sending to the 2xx.
 */
public final class CommandWorkload {

    public static final String REGION = "150100";
    public static final String REQUESTER = "呼和浩特警备区政治工作处";
    public static final String RESPONSIBLE = "呼和浩特市教育局";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI registration;
    private final String requesterToken;
    private final String officeToken;
    private final HttpClient http;
    private final long seed;

    public CommandWorkload(String registrationUrl, String requesterToken, String officeToken, long seed) {
        this.registration = URI.create(registrationUrl + "/");
        this.requesterToken = requesterToken;
        this.officeToken = officeToken;
        this.seed = seed;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** One concurrency level: commands/s, latencies, and what was not answered 2xx (must be nothing). */
    public record Level(int concurrency, long commands, double seconds, double commandsPerSecond, Latencies.Summary latency,
                        Latencies.Summary filing, Latencies.Summary registration, Map<String, Long> failures, double[] curve) {
    }

    public Level run(int concurrency, Duration warmUp, Duration duration) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicLong commands = new AtomicLong();
        Latencies all = new Latencies();
        Latencies filing = new Latencies();
        Latencies registering = new Latencies();
        Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        String deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(3).toString();
        for (int w = 0; w < concurrency; w++) {
            Random random = new Random(seed * 1_000 + concurrency * 100L + w);
            Thread worker = new Thread(() -> {
                int n = 0;
                while (running.get()) {
                    n++;
                    try {
                        long start = System.nanoTime();
                        HttpResponse<String> filed = post("api/tasks", requesterToken, filingBody(random.nextInt(1_000_000), n));
                        long filedIn = System.nanoTime() - start;
                        if (filed.statusCode() != 201) {
                            failures.computeIfAbsent("filing " + filed.statusCode(), k -> new AtomicLong()).incrementAndGet();
                            continue;
                        }
                        String id = JSON.readTree(filed.body()).path("id").asText();
                        start = System.nanoTime();
                        HttpResponse<String> registered = post("api/tasks/" + id + "/registration", officeToken,
                                registrationBody(deadline));
                        long registeredIn = System.nanoTime() - start;
                        if (measuring.get()) {
                            filing.record(filedIn);
                            all.record(filedIn);
                            commands.incrementAndGet();
                        }
                        if (registered.statusCode() / 100 != 2) {
                            failures.computeIfAbsent("registration " + registered.statusCode(), k -> new AtomicLong()).incrementAndGet();
                            continue;
                        }
                        if (measuring.get()) {
                            registering.record(registeredIn);
                            all.record(registeredIn);
                            commands.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "bench-command-" + w);
            worker.start();
            workers.add(worker);
        }
        Thread.sleep(warmUp.toMillis());
        measuring.set(true);
        long begin = System.nanoTime();
        Thread.sleep(duration.toMillis());
        measuring.set(false);
        double seconds = (System.nanoTime() - begin) / 1e9;
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        Map<String, Long> failed = new TreeMap<>();
        failures.forEach((k, v) -> failed.put(k, v.get()));
        return new Level(concurrency, commands.get(), seconds, commands.get() / seconds, all.summary(), filing.summary(),
                registering.summary(), failed, all.curve());
    }

    /** A request of the military liaison office, {@code variant} and {@code n} making its title its own. */
    static String filingBody(int variant, int n) {
        ObjectNode body = JSON.createObjectNode()
                .put("list", "SUPPORT_THE_MILITARY").put("regionCode", REGION)
                .put("year", LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear())
                .put("title", "驻军营区周边道路维修 " + n + "-" + variant)
                .put("content", "营区周边道路破损，影响官兵出行和车辆通行，请协调维修。编号 " + n + "-" + variant)
                .put("category", "CAMP_SURROUNDINGS").put("requesterUnit", REQUESTER)
                .put("contactName", "李志刚").put("contactPhone", "0471-6902156");
        return body.toString();
    }

    /** The office's registration: the city's education bureau does it by {@code deadline}. */
    static String registrationBody(String deadline) {
        return JSON.createObjectNode().put("responsibleUnit", RESPONSIBLE).put("deadline", deadline)
                .put("qualityRequirement", "按期完成并书面反馈").toString();
    }

    private HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(registration.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
