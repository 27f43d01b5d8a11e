package org.duallist.local.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Workload 4, the leaders' queries at N tasks: the region's leader asks, one request after the
 * other, {@link #REQUESTS} times each, for the overdue list (a page of 100 rows) without and with
 * filters (a responsible unit and the list), and for the year's statistics without and with
 * filters (a district and a category). The tasks' deadlines lie in the next
 * {@link ListWorkbook#DEADLINE_DAYS} days, so the query service's business clock is moved half that
 * far ahead for the queries (about half the tasks are overdue then) and back to real time after.
 */
public final class LeaderQueries {

    public static final int REQUESTS = 200;
    static final int PAGE = 100;

    /** The questions asked. */
    public enum Question {
        OVERDUE("overdue list, page of 100 (GET /api/tasks/overdue?size=100)"),
        OVERDUE_FILTERED("overdue list of one responsible unit on 拥军优属, page of 100"),
        STATISTICS("statistics of the year (GET /api/stats?year=)"),
        STATISTICS_FILTERED("statistics filtered by district and category");

        private final String description;

        Question(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** What was asked at N tasks: latencies per question, the rows the pages held, the overdue total. */
    public record Result(long tasks, Map<Question, Latencies.Summary> byQuestion, Map<Question, double[]> curves,
                         Map<Question, Double> meanRows, long overdueTotal, Map<String, Long> notAnswered2xx) {
    }

    private final BenchHttp http;
    private final long seed;

    public LeaderQueries(BenchHttp http, long seed) {
        this.http = http;
        this.seed = seed;
    }

    public Result run(long tasks, int year) throws IOException, InterruptedException {
        Random random = new Random(seed * 10_000 + 4_000 + tasks);
        Map<Question, Latencies.Summary> byQuestion = new LinkedHashMap<>();
        Map<Question, double[]> curves = new LinkedHashMap<>();
        Map<Question, Double> meanRows = new LinkedHashMap<>();
        Map<String, Long> failures = new java.util.TreeMap<>();
        long overdueTotal = 0;
        http.moveClock(http.query(), Instant.now().plus(Duration.ofDays(ListWorkbook.DEADLINE_DAYS / 2)));
        try {
            for (Question question : Question.values()) {
                Latencies latencies = new Latencies();
                long rows = 0;
                for (int i = 0; i < REQUESTS; i++) {
                    String path = path(question, random, year);
                    long start = System.nanoTime();
                    HttpResponse<String> answer = http.get(http.query(), path, http.tokens().leader());
                    long took = System.nanoTime() - start;
                    if (answer.statusCode() != 200) {
                        failures.merge(question + " " + answer.statusCode(), 1L, Long::sum);
                        continue;
                    }
                    latencies.record(took);
                    if (question == Question.OVERDUE || question == Question.OVERDUE_FILTERED) {
                        var page = BenchHttp.Json.MAPPER.readTree(answer.body());
                        rows += page.path("items").size();
                        if (question == Question.OVERDUE) {
                            overdueTotal = page.path("total").asLong();
                        }
                    }
                }
                byQuestion.put(question, latencies.summary());
                curves.put(question, latencies.curve());
                meanRows.put(question, latencies.count() == 0 ? 0 : (double) rows / latencies.count());
            }
        } finally {
            http.moveClock(http.query(), null);
        }
        return new Result(tasks, byQuestion, curves, meanRows, overdueTotal, failures);
    }

    private static String path(Question question, Random random, int year) {
        String district = ListWorkbook.REGIONS.get(1 + random.nextInt(ListWorkbook.REGIONS.size() - 1));
        return switch (question) {
            case OVERDUE -> "api/tasks/overdue?size=" + PAGE;
            case OVERDUE_FILTERED -> "api/tasks/overdue?size=" + PAGE + "&list=SUPPORT_THE_MILITARY&responsibleUnit="
                    + URLEncoder.encode(ListWorkbook.RESPONSIBLE_UNITS.get(random.nextInt(ListWorkbook.RESPONSIBLE_UNITS.size())),
                    StandardCharsets.UTF_8);
            case STATISTICS -> "api/stats?year=" + year;
            case STATISTICS_FILTERED -> "api/stats?year=" + year + "&region=" + district + "&category="
                    + ListWorkbook.CATEGORIES.get(random.nextInt(ListWorkbook.CATEGORIES.size())).name();
        };
    }
}
