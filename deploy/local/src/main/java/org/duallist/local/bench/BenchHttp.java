package org.duallist.local.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The benchmark's client of the suite's REST APIs: the three services' base URLs and the bearer
 * tokens of everyone who acts in the workloads (the requester unit, the dual-support office, the
 * responsible unit and the region's leader), each command with an Idempotency-Key of its own.
 */
public final class BenchHttp {

    private final URI registration;
    private final URI progress;
    private final URI query;
    private final Tokens tokens;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Bearer tokens of the workloads' callers, all of region {@link CommandWorkload#REGION}. */
    public record Tokens(String requester, String office, String responsible, String leader) {
    }

    public BenchHttp(String registrationUrl, String progressUrl, String queryUrl, Tokens tokens) {
        this.registration = base(registrationUrl);
        this.progress = base(progressUrl);
        this.query = base(queryUrl);
        this.tokens = tokens;
    }

    private static URI base(String url) {
        return URI.create(url.endsWith("/") ? url : url + "/");
    }

    public URI registration() {
        return registration;
    }

    public URI progress() {
        return progress;
    }

    public URI query() {
        return query;
    }

    public Tokens tokens() {
        return tokens;
    }

    public HttpClient client() {
        return http;
    }

    /** A command: POST with a JSON body (or none) and a fresh Idempotency-Key. */
    public HttpResponse<String> post(URI service, String path, String token, String jsonBody) throws IOException, InterruptedException {
        return post(service, path, token, jsonBody, Duration.ofSeconds(60));
    }

    /** A POST that may take long to answer (a supervision pass over a hundred thousand new tasks takes minutes). */
    public HttpResponse<String> post(URI service, String path, String token, String jsonBody, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve(path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json")
                .header("Idempotency-Key", UUID.randomUUID().toString());
        if (jsonBody == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A read as {@code token}. */
    public HttpResponse<String> get(URI service, String path, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(service.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json")
                .GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Moves (or with {@code null}, restores) the business clock of a service ({@code /admin/clock}, local stack only). */
    public void moveClock(URI service, java.time.Instant now) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve("admin/clock")).timeout(Duration.ofSeconds(30));
        if (now == null) {
            request.DELETE();
        } else {
            request.header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"now\":\"" + now + "\"}", StandardCharsets.UTF_8));
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (answer.statusCode() != 200) {
            throw new IOException((now == null ? "DELETE " : "PUT ") + service.resolve("admin/clock") + " answered "
                    + answer.statusCode() + ": " + answer.body());
        }
    }

    /** How many tasks the office of the region sees in the query service's read model. */
    public long tasksInReadModel() throws IOException, InterruptedException {
        HttpResponse<String> page = get(query, "api/tasks?size=1", tokens.office());
        if (page.statusCode() != 200) {
            throw new IOException("GET api/tasks answered " + page.statusCode() + ": " + page.body());
        }
        return Json.MAPPER.readTree(page.body()).path("total").asLong();
    }

    /** Shared JSON mapper of the workloads. */
    static final class Json {
        static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

        private Json() {
        }
    }
}
