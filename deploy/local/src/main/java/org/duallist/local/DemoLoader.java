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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.duallist.contracts.Actor;

/**
 * Loads the demo dual list of 呼和浩特市 through the services' public REST APIs, once per data
 * directory (marker file {@code <data>/demo-loaded}). Each item is filed with a bearer token of its
 * requester unit (a military unit on 拥军优属, a civil one on 拥政爱民, in the item's region), and
 * registered or declined with the token of the city's office (双拥办 150100). Then most registered
 * items go further, each step with the token of whoever takes it: the responsible unit claims,
 * returns, reports progress, raises obstacles, asks for an extension and reports completion; the
 * requester withdraws, accepts or rejects and rates; the office reassigns, resolves obstacles,
 * approves extensions and closes. So the demo holds items in every state ({@link DemoData#STATES}).
 *
 * <p>The API refuses deadlines in the past, so the loader moves the business clocks of all services
 * together ({@code PUT /admin/clock}, local stack only): it files the items 150 days ago, registers
 * them ten days later with deadlines relative to today (so that some are overdue by now), takes the
 * later steps on their days (all items together, in time order), and finally restores real time
 * ({@code DELETE /admin/clock}). On each of those days the supervision service evaluates every task
 * ({@code POST /admin/supervision/evaluation}) before the day's steps, as its daily schedule would
 * have, so that lights change and notices fall due on their own days; the units answer notices
 * (整改反馈) on time or late, the office issues one by hand and audits accepted completions (one audit
 * fails and reopens the task). A last evaluation on today leaves tasks in every light and grade.
 *
 * <p>The progress service learns claims and reassignments from registration's events on Kafka, and
 * registration learns acceptance from the progress events: a progress step right after a claim is
 * retried while it answers 404 or 409, and so is closing, for at most {@link #CATCH_UP}. If the
 * registration service has no closing endpoint (404 or 405), the item stays accepted and a warning
 * says so.
 */
public final class DemoLoader {

    public static final String MARKER_FILE = "demo-loaded";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** How long a step waits for the other service to learn what it needs (Kafka between them). */
    static final Duration CATCH_UP = Duration.ofSeconds(30);
    /** The pause between two looks at another service that is catching up. */
    private static final Duration POLL_PAUSE = Duration.ofMillis(150);

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final URI registration;
    private final URI progress;
    /** The supervision service, or null when the stack runs without it. */
    private final URI supervision;
    /** The query service, or null when the stack runs without it. */
    private final URI query;
    private final Path marker;
    private final LocalTokens tokens;
    private final Map<Actor, String> minted = new HashMap<>();
    private final List<URI> replicaClocks = new ArrayList<>();
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param supervisionBaseUrl the supervision service; null when the stack runs without it (then the
     *                           demo has no lights, notices or audits)
     * @param queryBaseUrl the query service, whose read model the loader waits for before it returns;
     *                     null when the stack runs without it
     */
    public DemoLoader(String registrationBaseUrl, String progressBaseUrl, String supervisionBaseUrl, String queryBaseUrl,
                      Path dataDir, LocalTokens tokens, PrintStream out) {
        this.registration = base(registrationBaseUrl);
        this.progress = base(progressBaseUrl);
        this.supervision = supervisionBaseUrl == null ? null : base(supervisionBaseUrl);
        this.query = queryBaseUrl == null ? null : base(queryBaseUrl);
        this.marker = dataDir.resolve(MARKER_FILE);
        this.tokens = tokens;
        this.out = out;
    }

    /**
     * Moves the business clocks of these services too (the other replicas of the stack's services),
     * so that every replica agrees on the demo's days.
     */
    public DemoLoader alsoMovingClocksOf(List<String> baseUrls) {
        baseUrls.forEach(url -> replicaClocks.add(base(url)));
        return this;
    }

    private static URI base(String url) {
        return URI.create(url.endsWith("/") ? url : url + "/");
    }

    /**
     * What the demo loaded: how many items end in each state ({@link DemoData#STATES} order), how many
     * are overdue, and how many supervised tasks show each light and each highest notice grade.
     */
    public record Summary(Map<String, Integer> byState, int overdue, Map<String, Integer> byLight,
                          Map<String, Integer> byGrade) {

        public Summary(Map<String, Integer> byState, int overdue) {
            this(byState, overdue, Map.of(), Map.of());
        }

        public Summary {
            byLight = Map.copyOf(byLight);
            byGrade = Map.copyOf(byGrade);
            Map<String, Integer> ordered = new LinkedHashMap<>();
            for (String state : DemoData.STATES) {
                ordered.put(state, byState.getOrDefault(state, 0));
            }
            byState.forEach(ordered::putIfAbsent);
            byState = java.util.Collections.unmodifiableMap(ordered);
        }

        public int tasks() {
            return byState.values().stream().mapToInt(Integer::intValue).sum();
        }

        public String line() {
            List<String> counts = new ArrayList<>();
            byState.forEach((state, count) -> {
                if (count > 0) {
                    counts.add(count + " " + state);
                }
            });
            return "Demo: " + DemoData.CITY + " region " + DemoData.CITY_CODE + " — " + tasks() + " tasks: "
                    + String.join(", ", counts) + " (" + overdue + " overdue)";
        }

        /** The lights and grades (预警, 督办单) line, or null when the demo ran without supervision. */
        public String supervisionLine() {
            if (byLight.isEmpty()) {
                return null;
            }
            List<String> lights = new ArrayList<>();
            for (String light : List.of("RED", "YELLOW", "GREEN")) {
                lights.add(byLight.getOrDefault(light, 0) + " " + light);
            }
            List<String> grades = new ArrayList<>();
            for (String grade : List.of("REMINDER", "NOTICE", "SPECIAL", "REFERRAL")) {
                grades.add(byGrade.getOrDefault(grade, 0) + " " + grade);
            }
            return "Supervision: lights " + String.join(", ", lights) + "; highest notice " + String.join(", ", grades);
        }

        List<String> lines() {
            String supervisionLine = supervisionLine();
            return supervisionLine == null ? List.of(line()) : List.of(line(), supervisionLine);
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
        out.println("Loading the demo dual list of " + DemoData.CITY + " through " + registration + "api/tasks and "
                + progress + "api/tasks ...");
        Summary summary = load(Instant.now());
        Files.writeString(marker, String.join(System.lineSeparator(), summary.lines()) + System.lineSeparator()
                + "loaded at " + Instant.now() + System.lineSeparator(), StandardCharsets.UTF_8);
        summary.lines().forEach(out::println);
    }

    /** One item on its way, as the loader drives it. */
    private static final class Run {
        final int index;
        final DemoData.Item item;
        String id;
        String state;
        String responsibleUnit;
        int deadlineDaysFromToday;
        Integer requestedDeadline;
        /** False after a claim, reassignment or failed audit, until the progress service has accepted a step. */
        boolean progressInSync = true;
        final Deque<String> openObstacles = new ArrayDeque<>();

        Run(int index, DemoData.Item item) {
            this.index = index;
            this.item = item;
        }
    }

    /** A step of one item at its business time. */
    private record Scheduled(Instant at, Run run, DemoData.Step step) {
    }

    Summary load(Instant realNow) throws IOException, InterruptedException {
        LocalDate today = LocalDate.ofInstant(realNow, ZONE);
        Instant filingStart = realNow.minus(Duration.ofDays(150));
        Instant registrationStart = realNow.minus(Duration.ofDays(140));
        List<DemoData.Item> items = DemoData.ITEMS;
        List<Run> runs = new ArrayList<>();
        Actor office = LocalTokens.office(DemoData.CITY_CODE);
        boolean loaded = false;
        try {
            for (int i = 0; i < items.size(); i++) {
                DemoData.Item item = items.get(i);
                Run run = new Run(i, item);
                Instant filedAt = filingStart.plus(Duration.ofHours(6L * i));
                moveClocks(filedAt);
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
                HttpResponse<String> created = send(registration, "POST", "api/tasks", task, DemoData.requester(item));
                run.id = idOf(created);
                run.state = "SUBMITTED";
                runs.add(run);
            }
            List<Scheduled> schedule = new ArrayList<>();
            for (Run run : runs) {
                Instant at = registrationStart.plus(Duration.ofHours(2L * run.index));
                if (run.item.outcome() instanceof DemoData.Registered r) {
                    moveClocks(at);
                    LocalDate deadline = today.plusDays(r.deadlineDaysFromToday());
                    ObjectNode body = JSON.createObjectNode()
                            .put("responsibleUnit", r.responsibleUnit())
                            .put("deadline", deadline.toString())
                            .put("qualityRequirement", r.qualityRequirement());
                    body.set("coUnits", textArray(r.coUnits()));
                    send(registration, "POST", taskPath(run, "registration"), body, office);
                    run.state = "REGISTERED";
                    run.responsibleUnit = r.responsibleUnit();
                    run.deadlineDaysFromToday = r.deadlineDaysFromToday();
                    for (DemoData.Step step : r.steps()) {
                        // a few minutes apart per item, so that two items' steps of one day keep an order
                        schedule.add(new Scheduled(realNow.plus(Duration.ofDays(step.day()))
                                .plus(Duration.ofMinutes(7L * run.index)), run, step));
                    }
                } else if (run.item.outcome() instanceof DemoData.Declined d) {
                    moveClocks(at);
                    send(registration, "POST", taskPath(run, "decline"), JSON.createObjectNode().put("reason", d.reason()), office);
                    run.state = "DECLINED";
                }
            }
            schedule.sort(Comparator.comparing(Scheduled::at));
            LocalDate evaluated = null;
            for (Scheduled scheduled : schedule) {
                moveClocks(scheduled.at());
                LocalDate day = LocalDate.ofInstant(scheduled.at(), ZONE);
                if (!day.equals(evaluated)) {
                    evaluateSupervision();
                    evaluated = day;
                }
                take(scheduled.run(), scheduled.step(), today, office);
            }
            loaded = true;
        } finally {
            for (URI service : clockServices()) {
                restoreClock(service, loaded);
            }
        }
        awaitQueryCaughtUp(runs);
        Map<String, Integer> byLight = new LinkedHashMap<>();
        Map<String, Integer> byGrade = new LinkedHashMap<>();
        if (supervision != null) {
            awaitSupervisionCaughtUp(runs);
            evaluateSupervision();
            for (Run run : runs) {
                JsonNode view = awaitQuerySupervisionCaughtUp(run);
                if (view != null && view.path("supervised").asBoolean()) {
                    byLight.merge(view.path("light").asText(), 1, Integer::sum);
                    if (!view.path("grade").isNull()) {
                        byGrade.merge(view.path("grade").asText(), 1, Integer::sum);
                    }
                }
            }
        }
        Map<String, Integer> byState = new LinkedHashMap<>();
        int overdue = 0;
        for (Run run : runs) {
            byState.merge(run.state, 1, Integer::sum);
            if (DemoData.countsAsOverdue(run.state) && run.deadlineDaysFromToday < 0) {
                overdue++;
            }
        }
        return new Summary(byState, overdue, byLight, byGrade);
    }

    /** Takes one step of an item, with the token of whoever takes it, and follows its state. */
    private void take(Run run, DemoData.Step step, LocalDate today, Actor office) throws IOException, InterruptedException {
        Actor responsible = DemoData.responsible(run.item, run.responsibleUnit);
        Actor requester = DemoData.requester(run.item);
        if (step instanceof DemoData.Claim) {
            send(registration, "POST", taskPath(run, "claim"), null, responsible);
            run.progressInSync = false;
        } else if (step instanceof DemoData.Return r) {
            send(registration, "POST", taskPath(run, "return"), JSON.createObjectNode().put("reason", r.reason()), responsible);
        } else if (step instanceof DemoData.Reassign r) {
            ObjectNode body = JSON.createObjectNode().put("responsibleUnit", r.responsibleUnit());
            body.set("coUnits", textArray(r.coUnits()));
            send(registration, "POST", taskPath(run, "reassignment"), body, office);
            run.responsibleUnit = r.responsibleUnit();
            run.progressInSync = false;
        } else if (step instanceof DemoData.Withdraw w) {
            send(registration, "POST", taskPath(run, "withdrawal"), JSON.createObjectNode().put("reason", w.reason()), requester);
        } else if (step instanceof DemoData.Progress p) {
            ObjectNode body = JSON.createObjectNode().put("percent", p.percent()).put("narrative", p.narrative());
            if (p.decreaseReason() != null) {
                body.put("decreaseReason", p.decreaseReason());
            }
            onProgress(run, "progress", body, responsible);
        } else if (step instanceof DemoData.Obstacle o) {
            HttpResponse<String> raised = onProgress(run, "obstacles",
                    JSON.createObjectNode().put("description", o.description()), responsible);
            run.openObstacles.push(JSON.readTree(raised.body()).path("obstacleId").asText());
        } else if (step instanceof DemoData.ResolveObstacle r) {
            if (run.openObstacles.isEmpty()) {
                throw new DemoException("item '" + run.item.title() + "' has no open obstacle to resolve");
            }
            onProgress(run, "obstacles/" + run.openObstacles.peek() + "/resolution",
                    JSON.createObjectNode().put("resolution", r.resolution()), office);
            run.openObstacles.pop();
        } else if (step instanceof DemoData.RequestExtension e) {
            send(registration, "POST", taskPath(run, "extension-request"), JSON.createObjectNode()
                    .put("requestedDeadline", today.plusDays(e.requestedDeadlineDaysFromToday()).toString())
                    .put("reason", e.reason()), responsible);
            run.requestedDeadline = e.requestedDeadlineDaysFromToday();
        } else if (step instanceof DemoData.ApproveExtension) {
            send(registration, "POST", taskPath(run, "extension-approval"), null, office);
            run.deadlineDaysFromToday = run.requestedDeadline;
            run.requestedDeadline = null;
        } else if (step instanceof DemoData.Complete c) {
            ObjectNode body = JSON.createObjectNode().put("summary", c.summary());
            body.set("evidenceLinks", textArray(c.evidenceLinks()));
            onProgress(run, "completion", body, responsible);
        } else if (step instanceof DemoData.Reject r) {
            onProgress(run, "rejection", JSON.createObjectNode().put("reasons", r.reasons()), requester);
        } else if (step instanceof DemoData.Accept) {
            onProgress(run, "acceptance", null, requester);
        } else if (step instanceof DemoData.Rate r) {
            onProgress(run, "rating", JSON.createObjectNode().put("score", r.score()).put("comment", r.comment()), requester);
        } else if (step instanceof DemoData.IssueNotice n) {
            onSupervision(run, "notices", JSON.createObjectNode().put("grade", n.grade()).put("reason", n.reason()), office);
        } else if (step instanceof DemoData.Respond r) {
            String noticeId = awaitNotice(run, r.grade(), responsible);
            onSupervision(run, "notices/" + noticeId + "/response", JSON.createObjectNode().put("response", r.response()),
                    responsible);
        } else if (step instanceof DemoData.Audit a) {
            ObjectNode body = JSON.createObjectNode().put("outcome", a.passed() ? "PASSED" : "FAILED");
            if (a.findings() != null) {
                body.put("findings", a.findings());
            }
            onSupervision(run, "audits", body, office);
            if (!a.passed()) {
                // registration reopens the task on the audit's event, and progress learns that in turn
                run.progressInSync = false;
            }
        } else if (step instanceof DemoData.Close c) {
            // registration learns the acceptance from the progress events: 409 until it has
            HttpResponse<String> closed = retrying(registration, "POST", taskPath(run, "closing"),
                    JSON.createObjectNode().put("note", c.note()), office, Set.of(409), Set.of(404, 405));
            if (closed.statusCode() == 404 || closed.statusCode() == 405) {
                out.println("WARNING: the registration service has no closing endpoint (POST " + taskPath(run, "closing")
                        + " answered " + closed.statusCode() + "); '" + run.item.title() + "' stays " + run.state);
                return;
            }
        }
        run.state = DemoData.stateAfter(run.state, step);
    }

    /** A step on the progress service; right after a claim it may not know the claim yet (404, 409), so it retries. */
    private HttpResponse<String> onProgress(Run run, String action, JsonNode body, Actor actor)
            throws IOException, InterruptedException {
        HttpResponse<String> response = run.progressInSync
                ? send(progress, "POST", taskPath(run, action), body, actor)
                : retrying(progress, "POST", taskPath(run, action), body, actor, Set.of(404, 409), Set.of());
        run.progressInSync = true;
        return response;
    }

    /**
     * A step on the supervision service, which learns the tasks from the other services' events over
     * Kafka: it may not know the task or its acceptance yet (404, 409), so it retries.
     */
    private HttpResponse<String> onSupervision(Run run, String action, JsonNode body, Actor actor)
            throws IOException, InterruptedException {
        return retrying(supervision, "POST", taskPath(run, action), body, actor, Set.of(404, 409), Set.of());
    }

    /**
     * The id of the item's notice of {@code grade}, which the schedule issues: evaluates again until
     * it is there (the supervision service may not have learned the task's latest state yet).
     */
    private String awaitNotice(Run run, String grade, Actor reader) throws IOException, InterruptedException {
        return poll(CATCH_UP, () -> {
            HttpResponse<String> response = call(supervision, "GET", taskPath(run, "supervision"), null, reader);
            if (response.statusCode() == 200) {
                for (JsonNode notice : JSON.readTree(response.body()).path("notices")) {
                    if (grade.equals(notice.path("grade").asText())) {
                        return Polled.found(notice.path("noticeId").asText());
                    }
                }
            }
            evaluateSupervision();
            return Polled.notYet("demo task '" + run.item.title() + "' has no " + grade + " notice to answer: "
                    + response.statusCode() + " " + response.body());
        });
    }

    /** One evaluation pass of the supervision service on its business clock's today (lights, notices). */
    private void evaluateSupervision() throws IOException, InterruptedException {
        if (supervision != null) {
            send(supervision, "POST", "admin/supervision/evaluation", null, null);
        }
    }

    /**
     * Waits until the supervision service knows each registered item as the loader left it (supervised
     * or not, and its deadline), so that the last evaluation judges the final state.
     */
    private void awaitSupervisionCaughtUp(List<Run> runs) throws IOException, InterruptedException {
        Actor office = LocalTokens.office(DemoData.CITY_CODE);
        LocalDate today = LocalDate.now(ZONE);
        long until = System.nanoTime() + CATCH_UP.toNanos() * 2;
        for (Run run : runs) {
            if (run.responsibleUnit == null) {
                continue;
            }
            boolean supervised = DemoData.SUPERVISED_STATES.contains(run.state);
            String deadline = today.plusDays(run.deadlineDaysFromToday).toString();
            poll(remaining(until), () -> {
                HttpResponse<String> response = call(supervision, "GET", taskPath(run, "supervision"), null, office);
                if (response.statusCode() == 200) {
                    JsonNode view = JSON.readTree(response.body());
                    if (view.path("supervised").asBoolean() == supervised && deadline.equals(view.path("deadline").asText())) {
                        return Polled.found(view);
                    }
                }
                return Polled.notYet("the supervision service does not show demo task " + run.id + " (" + run.state
                        + ", deadline " + deadline + ") after " + CATCH_UP.toSeconds() * 2 + " s: "
                        + response.statusCode() + " " + response.body());
            });
        }
    }

    /**
     * The supervision of a registered item (null for the others), once the query service shows the
     * same light and highest grade.
     */
    private JsonNode awaitQuerySupervisionCaughtUp(Run run) throws IOException, InterruptedException {
        if (run.responsibleUnit == null || query == null) {
            return null;
        }
        Actor office = LocalTokens.office(DemoData.CITY_CODE);
        JsonNode view = JSON.readTree(send(supervision, "GET", taskPath(run, "supervision"), null, office).body());
        return poll(CATCH_UP, () -> {
            HttpResponse<String> response = call(query, "GET", "api/tasks/" + run.id, null, office);
            if (response.statusCode() == 200) {
                JsonNode shown = JSON.readTree(response.body());
                // the query service shows no light on a withdrawn or closed task
                boolean lightShown = !view.path("supervised").asBoolean()
                        || shown.path("light").asText().equals(view.path("light").asText());
                if (lightShown && shown.path("grade").asText().equals(view.path("grade").asText())) {
                    return Polled.found(view);
                }
            }
            return Polled.notYet("the query service shows demo task " + run.id + " with light and grade "
                    + response.body() + ", not those of its supervision " + view);
        });
    }

    /**
     * Sends until the answer is 2xx or one of {@code accepted}, retrying while it is one of
     * {@code retryOn}, at most {@link #CATCH_UP}; anything else (or still retrying after that) fails.
     */
    private HttpResponse<String> retrying(URI service, String method, String path, JsonNode body, Actor actor,
                                          Set<Integer> retryOn, Set<Integer> accepted) throws IOException, InterruptedException {
        return poll(CATCH_UP, () -> {
            HttpResponse<String> response = call(service, method, path, body, actor);
            int status = response.statusCode();
            if (status / 100 == 2 || accepted.contains(status)) {
                return Polled.found(response);
            }
            if (!retryOn.contains(status)) {
                throw refused(service, method, path, body, actor, response);
            }
            return Polled.notYet(refused(service, method, path, body, actor, response).getMessage());
        });
    }

    /**
     * Waits until the query service shows every item in the state the loader left it in, so that
     * whoever the launcher tells "ready" reads the whole demo (the events reach it over Kafka).
     */
    private void awaitQueryCaughtUp(List<Run> runs) throws IOException, InterruptedException {
        if (query == null) {
            return;
        }
        Actor office = LocalTokens.office(DemoData.CITY_CODE);
        long until = System.nanoTime() + CATCH_UP.toNanos() * 2;
        for (Run run : runs) {
            poll(remaining(until), () -> {
                HttpResponse<String> response = call(query, "GET", "api/tasks/" + run.id, null, office);
                String shown = response.statusCode() == 200 ? JSON.readTree(response.body()).path("status").asText() : null;
                if (run.state.equals(shown)) {
                    return Polled.found(shown);
                }
                return Polled.notYet("the query service shows demo task " + run.id + " as "
                        + (shown == null ? "HTTP " + response.statusCode() : shown) + ", not " + run.state
                        + " after " + CATCH_UP.toSeconds() * 2 + " s");
            });
        }
    }

    /** One look at another service: what it shows, or why not yet. */
    private record Polled<T>(T value, String notYet) {
        static <T> Polled<T> found(T value) {
            return new Polled<>(value, null);
        }

        static <T> Polled<T> notYet(String why) {
            return new Polled<>(null, why);
        }
    }

    @FunctionalInterface
    private interface Probe<T> {
        Polled<T> look() throws IOException, InterruptedException;
    }

    /** How long is left until {@code deadline} (a {@link System#nanoTime()}), never negative. */
    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /**
     * Looks until {@code probe} finds what it waits for, a short pause apart, for at most {@code bound}
     * (the other services learn over Kafka; a CLI waiting on them has nothing to be woken by), then
     * fails with what the last look said.
     */
    private static <T> T poll(Duration bound, Probe<T> probe) throws IOException, InterruptedException {
        long until = System.nanoTime() + bound.toNanos();
        while (true) {
            Polled<T> polled = probe.look();
            if (polled.notYet() == null) {
                return polled.value();
            }
            if (System.nanoTime() > until) {
                throw new DemoException(polled.notYet());
            }
            Thread.sleep(POLL_PAUSE.toMillis());
        }
    }

    private static String taskPath(Run run, String action) {
        return "api/tasks/" + run.id + "/" + action;
    }

    private static JsonNode textArray(List<String> values) {
        var array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    /** The services whose business clock the loader moves, all together. */
    private List<URI> clockServices() {
        List<URI> services = new ArrayList<>(supervision == null ? List.of(registration, progress)
                : List.of(registration, progress, supervision));
        services.addAll(replicaClocks);
        return services;
    }

    private void moveClocks(Instant now) throws IOException, InterruptedException {
        for (URI service : clockServices()) {
            send(service, "PUT", "admin/clock", JSON.createObjectNode().put("now", now.toString()), null);
        }
    }

    private void restoreClock(URI service, boolean loaded) throws IOException, InterruptedException {
        try {
            send(service, "DELETE", "admin/clock", null, null);
        } catch (IOException e) {
            if (loaded) {
                throw e;
            }
            out.println("(restoring the business clock of " + service + " failed too: " + e.getMessage() + ")");
        }
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

    /** Sends as {@code actor} (or without a token, for {@code /admin/clock}); anything but 2xx fails. */
    private HttpResponse<String> send(URI service, String method, String path, JsonNode body, Actor actor)
            throws IOException, InterruptedException {
        HttpResponse<String> response = call(service, method, path, body, actor);
        if (response.statusCode() / 100 != 2) {
            throw refused(service, method, path, body, actor, response);
        }
        return response;
    }

    /** Sends a request as {@code actor} (with its bearer token), or without a token ({@code /admin/clock}). */
    private HttpResponse<String> call(URI service, String method, String path, JsonNode body, Actor actor)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve(path))
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
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static DemoException refused(URI service, String method, String path, JsonNode body, Actor actor,
                                         HttpResponse<String> response) {
        return new DemoException(method + " " + service.resolve(path)
                + (actor == null ? "" : " as " + actor.user() + " (" + actor.role() + " " + actor.region() + ")")
                + " answered " + response.statusCode() + ": " + response.body()
                + (body == null ? "" : System.lineSeparator() + "  request: " + body));
    }

    /** A call of the demo loader was refused. */
    public static final class DemoException extends IOException {
        DemoException(String message) {
            super(message);
        }
    }
}
