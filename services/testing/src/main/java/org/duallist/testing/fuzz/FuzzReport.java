package org.duallist.testing.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a fuzz run saw: requests and status codes per endpoint family and per attack, and every
 * finding (an answer of 500 or more, no answer at all, or a refusal after which the state had changed).
 */
public final class FuzzReport {

    /** One request that broke a rule, with all it takes to send it again. */
    public record Finding(int index, String rule, String request, int status, String answer) {
        @Override
        public String toString() {
            return "#" + index + " " + rule + (status > 0 ? " (status " + status + ")" : "") + "\n" + request
                    + "\n→ " + answer;
        }
    }

    private static final int FINDINGS_KEPT = 200;

    private final String service;
    private final long seed;
    private final Map<String, Map<Integer, Integer>> byOperation = new TreeMap<>();
    private final Map<Attack, Map<Integer, Integer>> byAttack = new TreeMap<>();
    private final Map<Attack, Long> nanosByAttack = new TreeMap<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final Map<Integer, Integer> refusalsNotProblemJson = new TreeMap<>();
    private final Map<Integer, List<String>> refusalsNotProblemJsonSeen = new TreeMap<>();
    private final Map<String, Long> nanosByOperation = new TreeMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private int findingCount;
    private int requests;
    private long refusalsChecked;
    private long bytesSent;
    private Duration elapsed = Duration.ZERO;

    FuzzReport(String service, long seed) {
        this.service = service;
        this.seed = seed;
    }

    void took(FuzzRequest request, long nanos) {
        nanosByAttack.merge(request.attack(), nanos, Long::sum);
        nanosByOperation.merge(request.operation().key(), nanos, Long::sum);
    }

    void answered(int index, FuzzRequest request, RawHttpClient.Answer answer, long stateBefore, long stateAfter) {
        count(request, answer.status());
        if (answer.status() >= 500) {
            finding(index, "server error", request, answer.status(), answer.bodyText());
        }
        if (answer.status() >= 400 && answer.status() < 500) {
            refusalsChecked++;
            if (stateAfter != stateBefore) {
                finding(index, "refused, yet the state changed (" + stateBefore + " → " + stateAfter + ")", request,
                        answer.status(), answer.bodyText());
            }
            if (!answer.contentType().startsWith("application/problem+json")) {
                refusalsNotProblemJson.merge(answer.status(), 1, Integer::sum);
                List<String> seen = refusalsNotProblemJsonSeen.computeIfAbsent(answer.status(), k -> new ArrayList<>());
                if (seen.size() < 3) {
                    String line = request.describe().lines().limit(2).reduce((a, b) -> a + " " + b).orElse("");
                    seen.add((line.length() > 300 ? line.substring(0, 300) + "…" : line) + " → "
                            + (answer.bodyText().length() > 100 ? answer.bodyText().substring(0, 100) : answer.bodyText()));
                }
            }
        }
    }

    void unanswered(int index, FuzzRequest request, IOException failure) {
        count(request, 0);
        finding(index, "no answer", request, 0, failure.toString());
    }

    private void count(FuzzRequest request, int status) {
        requests++;
        bytesSent += request.body() == null ? 0 : request.body().length;
        byOperation.computeIfAbsent(request.operation().key(), k -> new TreeMap<>()).merge(status, 1, Integer::sum);
        byAttack.computeIfAbsent(request.attack(), k -> new TreeMap<>()).merge(status, 1, Integer::sum);
        statuses.merge(status, 1, Integer::sum);
    }

    private void finding(int index, String rule, FuzzRequest request, int status, String answer) {
        findingCount++;
        if (findings.size() < FINDINGS_KEPT) {
            findings.add(new Finding(index, rule, request.describe(), status,
                    answer.length() > 1000 ? answer.substring(0, 1000) + "…" : answer));
        }
    }

    void finished(Duration elapsed) {
        this.elapsed = elapsed;
    }

    public int requests() {
        return requests;
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public Map<Integer, Integer> statuses() {
        return Map.copyOf(statuses);
    }

    /** Requests per endpoint family ({@code METHOD /path/{param}}). */
    public Map<String, Integer> requestsByOperation() {
        Map<String, Integer> counts = new TreeMap<>();
        byOperation.forEach((operation, byStatus) ->
                counts.put(operation, byStatus.values().stream().mapToInt(Integer::intValue).sum()));
        return counts;
    }

    public long serverErrors() {
        return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
    }

    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("Fuzz run of %s: %,d requests (%,d MB of bodies) in %.1f s, seed %d (-Dfuzz.seed=%d repeats it)%n",
                service, requests, bytesSent >> 20, elapsed.toMillis() / 1000.0, seed, seed));
        text.append(String.format("%,d refusals (4xx) checked for state changes; %d findings%n", refusalsChecked, findingCount));
        text.append("Status codes: ").append(histogram(statuses)).append('\n');
        if (!refusalsNotProblemJson.isEmpty()) {
            text.append("Refusals not as application/problem+json (answered before the application): ")
                    .append(histogram(refusalsNotProblemJson)).append('\n');
            refusalsNotProblemJsonSeen.forEach((status, seen) -> seen.forEach(line ->
                    text.append("    e.g. ").append(status).append(": ").append(line).append('\n')));
        }
        text.append("\nRequests per endpoint family:\n");
        byOperation.forEach((operation, byStatus) -> text.append(String.format("  %-50s %6.1f s %6d   %s%n", operation,
                nanosByOperation.getOrDefault(operation, 0L) / 1e9, byStatus.values().stream().mapToInt(Integer::intValue).sum(),
                histogram(byStatus))));
        text.append("\nRequests per attack:\n");
        byAttack.forEach((attack, byStatus) -> text.append(String.format("  %-50s %6.1f s %6d   %s%n", attack,
                nanosByAttack.getOrDefault(attack, 0L) / 1e9, byStatus.values().stream().mapToInt(Integer::intValue).sum(),
                histogram(byStatus))));
        if (!findings.isEmpty()) {
            text.append("\nFindings").append(findingCount > findings.size() ? " (first " + findings.size() + ")" : "").append(":\n");
            findings.forEach(f -> text.append(f).append("\n\n"));
        }
        return text.toString();
    }

    private static String histogram(Map<Integer, Integer> byStatus) {
        StringBuilder text = new StringBuilder();
        byStatus.forEach((status, count) -> text.append(text.isEmpty() ? "" : ", ")
                .append(status == 0 ? "no answer" : status).append("×").append(count));
        return text.toString();
    }

    /** Writes the summary to {@code file} (its folder created), so that it stays beside the test reports. */
    public FuzzReport writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, summary(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
