package org.duallist.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duallist.contracts.Actor;

/**
 * Loads the demo dual list of 呼和浩特市 through the registration service's public REST API, once per
 * data directory (marker file {@code <data>/demo-loaded}). Each item is filed with a bearer token of
 * its requester unit (a military unit on 拥军优属, a civil one on 拥政爱民, in the item's region), and
 * registered or declined with the token of the city's office (双拥办 150100).
 *
 * <p>The API refuses deadlines in the past, so the loader moves the registration service's business
 * clock ({@code PUT /admin/clock}, local stack only): it files the items 150 days ago, registers them
 * ten days later with deadlines relative to today (so that some are overdue by now), and finally
 * restores real time ({@code DELETE /admin/clock}).
 */
public final class DemoLoader {

    public static final String MARKER_FILE = "demo-loaded";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final URI registration;
    private final Path marker;
    private final LocalTokens tokens;
    private final Map<Actor, String> minted = new HashMap<>();
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public DemoLoader(String registrationBaseUrl, Path dataDir, LocalTokens tokens, PrintStream out) {
        this.registration = URI.create(registrationBaseUrl.endsWith("/") ? registrationBaseUrl : registrationBaseUrl + "/");
        this.marker = dataDir.resolve(MARKER_FILE);
        this.tokens = tokens;
        this.out = out;
    }

    /** What the demo loaded. */
    public record Summary(int filed, int registered, int overdue, int declined) {
        public String line() {
            return "Demo: " + DemoData.CITY + " region " + DemoData.CITY_CODE + " — " + filed + " tasks filed, "
                    + registered + " registered (" + overdue + " overdue), " + declined + " declined";
        }
    }

    public boolean alreadyLoaded() {
        return Files.exists(marker);
    }

    /** Loads the demo unless this data dir has it already; prints the summary line either way. */
    public void loadOnce() throws IOException, InterruptedException {
        if (alreadyLoaded()) {
            String previous = Files.readString(marker, StandardCharsets.UTF_8).strip();
            out.println("Demo data already loaded in this data dir (" + marker + "), not loading again:");
            previous.lines().forEach(line -> out.println("  " + line));
            return;
        }
        out.println("Loading the demo dual list of " + DemoData.CITY + " through " + registration + "api/tasks ...");
        Summary summary = load(Instant.now());
        Files.writeString(marker, summary.line() + System.lineSeparator() + "loaded at " + Instant.now()
                + System.lineSeparator(), StandardCharsets.UTF_8);
        out.println(summary.line());
    }

    Summary load(Instant realNow) throws IOException, InterruptedException {
        LocalDate today = LocalDate.ofInstant(realNow, ZONE);
        Instant filingStart = realNow.minus(Duration.ofDays(150));
        Instant registrationStart = realNow.minus(Duration.ofDays(140));
        List<DemoData.Item> items = DemoData.ITEMS;
        List<String> ids = new ArrayList<>();
        Actor office = LocalTokens.office(DemoData.CITY_CODE);
        int registered = 0;
        int overdue = 0;
        int declined = 0;
        boolean loaded = false;
        try {
            for (int i = 0; i < items.size(); i++) {
                DemoData.Item item = items.get(i);
                Instant filedAt = filingStart.plus(Duration.ofHours(6L * i));
                moveClock(filedAt);
                ObjectNode task = JSON.createObjectNode()
                        .put("list", item.list())
                        .put("regionCode", item.regionCode())
                        .put("year", LocalDate.ofInstant(filedAt, ZONE).getYear())
                        .put("title", item.title())
                        .put("content", item.content())
                        .put("category", item.category())
                        .put("requesterUnit", item.requesterUnit())
                        .put("contactName", item.contactName())
                        .put("contactPhone", item.contactPhone());
                HttpResponse<String> created = send("POST", "api/tasks", task, DemoData.requester(item));
                ids.add(idOf(created));
            }
            for (int i = 0; i < items.size(); i++) {
                DemoData.Item item = items.get(i);
                String id = ids.get(i);
                Instant at = registrationStart.plus(Duration.ofHours(2L * i));
                if (item.outcome() instanceof DemoData.Registered r) {
                    moveClock(at);
                    LocalDate deadline = today.plusDays(r.deadlineDaysFromToday());
                    ObjectNode body = JSON.createObjectNode()
                            .put("responsibleUnit", r.responsibleUnit())
                            .put("deadline", deadline.toString())
                            .put("qualityRequirement", r.qualityRequirement());
                    body.putArray("coUnits").addAll(r.coUnits().stream().map(JSON.getNodeFactory()::textNode).toList());
                    send("POST", "api/tasks/" + id + "/registration", body, office);
                    registered++;
                    if (deadline.isBefore(today)) {
                        overdue++;
                    }
                } else if (item.outcome() instanceof DemoData.Declined d) {
                    moveClock(at);
                    send("POST", "api/tasks/" + id + "/decline", JSON.createObjectNode().put("reason", d.reason()), office);
                    declined++;
                }
            }
            loaded = true;
        } finally {
            try {
                send("DELETE", "admin/clock", null, null);
            } catch (IOException e) {
                if (loaded) {
                    throw e;
                }
                out.println("(restoring the business clock failed too: " + e.getMessage() + ")");
            }
        }
        return new Summary(ids.size(), registered, overdue, declined);
    }

    private void moveClock(Instant now) throws IOException, InterruptedException {
        send("PUT", "admin/clock", JSON.createObjectNode().put("now", now.toString()), null);
    }

    private String idOf(HttpResponse<String> created) throws IOException {
        if (created.body() != null && !created.body().isBlank()) {
            JsonNode id = JSON.readTree(created.body()).get("id");
            if (id != null && id.isTextual()) {
                return id.asText();
            }
        }
        String location = created.headers().firstValue("Location").orElseThrow(
                () -> new DemoException("POST api/tasks answered " + created.statusCode() + " without id or Location"));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Sends a request as {@code actor} (with its bearer token), or without a token ({@code /admin/clock}). */
    private HttpResponse<String> send(String method, String path, JsonNode body, Actor actor)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(registration.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (actor != null) {
            request.header("Authorization", "Bearer " + minted.computeIfAbsent(actor, a -> tokens.mint(a, TOKEN_LIFETIME)));
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new DemoException(method + " " + registration.resolve(path)
                    + (actor == null ? "" : " as " + actor.user() + " (" + actor.role() + " " + actor.region() + ")")
                    + " answered " + response.statusCode() + ": " + response.body() + (body == null ? "" : System.lineSeparator() + "  request: " + body));
        }
        return response;
    }

    /** A call of the demo loader was refused. */
    public static final class DemoException extends IOException {
        DemoException(String message) {
            super(message);
        }
    }
}
