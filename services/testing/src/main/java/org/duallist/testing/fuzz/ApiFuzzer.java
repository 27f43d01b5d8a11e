package org.duallist.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Fuzzes every operation of a running service from its own OpenAPI document
 * ({@code /q/openapi?format=json}): for each, requests drawn by {@link RequestFactory} (plausible
 * ones and hostile ones: wrong types, missing and extra fields, huge and deeply nested bodies,
 * invalid UTF-8, unusual Unicode, odd dates and numbers, path and query injection, wrong content
 * types), sent one at a time with the callers' tokens. Around each request it reads a
 * {@link StateProbe}, so that a refusal (4xx) after which the state changed is a finding, as is
 * every answer of 500 or more and every request left without an answer.
 *
 * <pre>{@code
 * FuzzReport report = ApiFuzzer.onPort(RestAssured.port, "registration")
 *         .callers(TestTokens.office("150100"), unitToken)
 *         .known("id", taskId)
 *         .state(StateProbe.rowsOf("registration", "domainevententry"))
 *         .run();
 * }</pre>
 *
 * <p>The seed ({@code -Dfuzz.seed}, fixed by default) alone decides the requests, so a finding
 * can be sent again; the number of requests is at least {@code -Dfuzz.requests} when set.
 */
public final class ApiFuzzer {

    public static final long DEFAULT_SEED = 20_261_130L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final String service;
    private final List<String> tokens = new ArrayList<>();
    private final List<String> badTokens = new ArrayList<>();
    private final Map<String, List<Object>> known = new LinkedHashMap<>();
    private final Map<Attack, Integer> weights = RequestFactory.defaultWeights();
    private Predicate<ApiOperation> included = operation -> true;
    private StateProbe state = () -> 0;
    private int requests = 2_500;
    private long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
    private Duration timeout = Duration.ofSeconds(20);
    private Duration quietBefore = Duration.ofSeconds(1);

    private ApiFuzzer(int port, String service) {
        this.port = port;
        this.service = service;
    }

    /** The service listening on 127.0.0.1:port ({@code RestAssured.port} in a {@code @QuarkusTest}). */
    public static ApiFuzzer onPort(int port, String service) {
        return new ApiFuzzer(port, service);
    }

    /** Valid bearer tokens; each request draws one of them. */
    public ApiFuzzer callers(String... tokens) {
        this.tokens.addAll(Arrays.asList(tokens));
        return this;
    }

    /** Tokens the service must refuse (forged, expired), for {@link Attack#NO_OR_BAD_TOKEN}. */
    public ApiFuzzer badTokens(String... tokens) {
        this.badTokens.addAll(Arrays.asList(tokens));
        return this;
    }

    /**
     * Values that mean something to the service, drawn (most of the time) for a body field, path,
     * query or header parameter of this name: a real task's id, a unit of the callers' region. A
     * {@code byte[]} is the content of a file part of a multipart body.
     */
    public ApiFuzzer known(String name, Object... values) {
        known.computeIfAbsent(name, k -> new ArrayList<>()).addAll(Arrays.asList(values));
        return this;
    }

    public ApiFuzzer state(StateProbe probe) {
        this.state = probe;
        return this;
    }

    /** At least this many requests in all, spread evenly over the operations. */
    public ApiFuzzer requests(int requests) {
        this.requests = Math.max(requests, Integer.getInteger("fuzz.requests", 0));
        return this;
    }

    public ApiFuzzer seed(long seed) {
        this.seed = seed;
        return this;
    }

    public ApiFuzzer only(Predicate<ApiOperation> operations) {
        this.included = operations;
        return this;
    }

    public ApiFuzzer weight(Attack attack, int weight) {
        weights.put(attack, weight);
        return this;
    }

    public ApiFuzzer timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** The operations of the service's OpenAPI document that this fuzzer sends requests to. */
    public List<ApiOperation> operations() {
        return ApiOperation.parse(document()).stream().filter(included).toList();
    }

    public FuzzReport run() {
        List<ApiOperation> operations = operations();
        if (operations.isEmpty()) {
            throw new IllegalStateException("the OpenAPI document of " + service + " lists no operation to fuzz");
        }
        RequestFactory factory = new RequestFactory(known, tokens, badTokens, new SplittableRandom(seed), weights);
        FuzzReport report = new FuzzReport(service, seed);
        int rounds = (requests + operations.size() - 1) / operations.size();
        long started = System.nanoTime();
        awaitQuiet();
        try (RawHttpClient client = new RawHttpClient("127.0.0.1", port, timeout)) {
            List<ApiOperation> order = new ArrayList<>(operations);
            Random shuffle = new Random(seed);
            int index = 0;
            for (int round = 0; round < rounds; round++) {
                Collections.shuffle(order, shuffle);
                for (ApiOperation operation : order) {
                    long start = System.nanoTime();
                    FuzzRequest request = factory.next(operation);
                    long before = read();
                    try {
                        RawHttpClient.Answer answer = client.send(request.method(), request.target(), request.headers(),
                                request.body());
                        report.answered(index, request, answer, before, read());
                    } catch (IOException e) {
                        report.unanswered(index, request, e);
                    }
                    report.took(request, System.nanoTime() - start);
                    index++;
                }
            }
        }
        report.finished(Duration.ofNanos(System.nanoTime() - started));
        return report;
    }

    private JsonNode document() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/openapi?format=json"))
                .timeout(timeout).GET().build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /q/openapi answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the OpenAPI document of " + service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until what earlier tests set going in the background (consumers, processors) has settled. */
    private void awaitQuiet() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long last = read();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - stableSince < quietBefore.toNanos()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = read();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            }
        }
    }

    private long read() {
        try {
            return state.read();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the state (" + state + ")", e);
        }
    }
}
