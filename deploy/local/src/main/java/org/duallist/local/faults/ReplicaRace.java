package org.duallist.local.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.duallist.contracts.UnitSide;
import org.duallist.local.LocalTokens;

/**
 * Sends the same command on the same task to two replicas at the same moment: a claim (only one may
 * succeed) and a progress report (both may, one after the other). Every answer must be 2xx or 409,
 * never 5xx, and the event store must hold exactly as many events as there were 2xx answers: no
 * lost update, nothing doubled.
 */
public final class ReplicaRace {

    /** What the race found. */
    public record Outcome(int pairs, int succeeded, int conflicts, int otherAnswers, int claimsWonTwice, int lostOrDoubled,
                          List<String> otherAnswerSamples) {
        public boolean passed() {
            return otherAnswers == 0 && claimsWonTwice == 0 && lostOrDoubled == 0 && succeeded > 0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final List<URI> registration;
    private final List<URI> progress;
    private final String requester;
    private final String responsible;
    private final String office;
    private final DataSource database;
    private final List<String> samples = new java.util.concurrent.CopyOnWriteArrayList<>();

    ReplicaRace(List<String> registrationUrls, List<String> progressUrls, LocalTokens tokens, DataSource database) {
        if (registrationUrls.size() < 2 || progressUrls.size() < 2) {
            throw new IllegalArgumentException("a race needs two replicas of registration and progress");
        }
        this.registration = registrationUrls.stream().map(u -> URI.create(u + "/")).toList();
        this.progress = progressUrls.stream().map(u -> URI.create(u + "/")).toList();
        this.requester = tokens.mint(LocalTokens.unit(LoadGenerator.REQUESTER, UnitSide.MILITARY, LoadGenerator.REGION));
        this.responsible = tokens.mint(LocalTokens.unit(LoadGenerator.RESPONSIBLE, UnitSide.CIVIL, LoadGenerator.REGION));
        this.office = tokens.mint(LocalTokens.office(LoadGenerator.REGION));
        this.database = database;
    }

    Outcome run(int tasks) throws IOException, InterruptedException {
        int succeeded = 0;
        int conflicts = 0;
        int other = 0;
        int wonTwice = 0;
        int lostOrDoubled = 0;
        samples.clear();
        String deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30).toString();
        for (int i = 0; i < tasks; i++) {
            String task = file(i);
            expect2xx(send(registration.get(0), "api/tasks/" + task + "/registration", office, JSON.createObjectNode()
                    .put("responsibleUnit", LoadGenerator.RESPONSIBLE).put("deadline", deadline)
                    .put("qualityRequirement", "按期完成").toString()));

            List<Integer> claims = atOnce(registration, "api/tasks/" + task + "/claim", responsible, null);
            long claimWins = claims.stream().filter(c -> c / 100 == 2).count();
            wonTwice += claimWins > 1 ? 1 : 0;
            for (int status : claims) {
                if (status / 100 == 2) {
                    succeeded++;
                } else if (status == 409) {
                    conflicts++;
                } else {
                    other++;
                }
            }
            lostOrDoubled += Math.abs(stored("registration", task, "TaskClaimedEvent") - (int) claimWins);

            // progress learns the claim from Kafka: report once it knows, then race two reports
            awaitProgressKnowsClaim(task);
            List<Integer> reports = atOnce(progress, "api/tasks/" + task + "/progress", responsible,
                    JSON.createObjectNode().put("percent", 40).put("narrative", "同时上报").toString());
            long reportWins = reports.stream().filter(c -> c / 100 == 2).count();
            for (int status : reports) {
                if (status / 100 == 2) {
                    succeeded++;
                } else if (status == 409) {
                    conflicts++;
                } else {
                    other++;
                }
            }
            // one report was sent before the race to learn that progress knows the claim
            lostOrDoubled += Math.abs(stored("progress", task, "ProgressReportedEvent") - 1 - (int) reportWins);
        }
        return new Outcome(tasks * 2, succeeded, conflicts, other, wonTwice, lostOrDoubled, List.copyOf(samples));
    }

    private String file(int i) throws IOException, InterruptedException {
        HttpResponse<String> filed = send(registration.get(0), "api/tasks", requester, JSON.createObjectNode()
                .put("list", "SUPPORT_THE_MILITARY").put("regionCode", LoadGenerator.REGION)
                .put("year", LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear()).put("title", "副本并发测试 " + i)
                .put("content", "两个副本同时收到同一事项的命令。").put("category", "CAMP_SURROUNDINGS")
                .put("requesterUnit", LoadGenerator.REQUESTER).put("contactName", "李志刚").put("contactPhone", "0471-6902156")
                .toString());
        expect2xx(filed);
        return LoadGenerator.createdId(filed);
    }

    private void awaitProgressKnowsClaim(String task) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> report = send(progress.get(0), "api/tasks/" + task + "/progress", responsible,
                    JSON.createObjectNode().put("percent", 10).put("narrative", "开始办理").toString());
            if (report.statusCode() / 100 == 2) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("progress did not learn the claim of " + task + ": " + report.statusCode() + " " + report.body());
            }
            Thread.sleep(200);
        }
    }

    /** The same command to each replica, released together. */
    private List<Integer> atOnce(List<URI> replicas, String path, String token, String body) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (URI replica : replicas.subList(0, 2)) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    HttpResponse<String> answer = send(replica, path, token, body);
                    int status = answer.statusCode();
                    if (status / 100 != 2 && status != 409 && samples.size() < 5) {
                        samples.add(path + " at " + replica + ": " + status + " " + answer.body());
                    }
                    return status;
                } catch (IOException e) {
                    if (samples.size() < 5) {
                        samples.add(path + " at " + replica + ": " + e);
                    }
                    return -1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Integer> answer : answers) {
            statuses.add(answer.join());
        }
        return statuses;
    }

    private int stored(String schema, String task, String event) throws IOException {
        try (Connection connection = database.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + schema
                     + ".domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?")) {
            count.setString(1, task);
            count.setString(2, "%." + event);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IOException("counting " + event + " of " + task + ": " + e.getMessage(), e);
        }
    }

    private HttpResponse<String> send(URI service, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString());
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void expect2xx(HttpResponse<String> response) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IOException(response.request().method() + " " + response.uri() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
    }
}
