package org.duallist.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.Topics;
import org.duallist.contracts.UnitSide;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./dual-list backup} and {@code ./dual-list restore}, run as the user runs them (the
 * {@code dual-list} script, as child processes): a backup taken while the whole stack runs and
 * serves, a task filed after it, a restore into an empty data dir, and the restored stack answering
 * exactly what the first one answered at the time of the backup, before and after every service has
 * published its event store to the new Kafka again; a command after the restore reaches the query
 * read model. The stacks run on free ports and data dirs of their own under {@code target/}.
 */
class BackupRestoreIT {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration PROPAGATION_BOUND = Duration.ofSeconds(60);

    private static final String REGION = "150102";
    private static final String OTHER_REGION = "150121";
    private static final String REQUESTER = "呼和浩特警备区政治工作处";
    private static final String HOUSING = "呼和浩特市住房和城乡建设局";

    private final Path root = Path.of(System.getProperty("dual-list.root", "../..")).toAbsolutePath().normalize();
    private final Path work = root.resolve("deploy/local/target/it-backup");
    private final LocalDate today = LocalDate.now(ZONE);
    private LocalStack stack;
    private String registration;
    private String progress;
    private String supervision;
    private String query;
    private String requesterToken;
    private String officeToken;
    private String leaderToken;
    private String housingToken;

    @AfterEach
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void a_backup_taken_while_the_stack_runs_restores_into_an_empty_data_dir_and_answers_as_at_backup_time() throws Exception {
        StoreBackup.deleteRecursively(work);
        Path original = work.resolve("original");
        Path restored = work.resolve("restored");
        Path backup = work.resolve("backup");

        start(config(original).withReset(true));
        String inProgress = file(REGION, "营区周边道路照明改造");
        register(inProgress, today.plusDays(5));
        retried(() -> post(registration, inProgress, "claim", null, housingToken));
        // the progress service learns the claim from Kafka: until then it answers 404 or 409
        retried(() -> post(progress, inProgress, "progress", JSON.createObjectNode().put("percent", 40)
                .put("narrative", "路灯基础施工完成。"), housingToken), 404, 409);
        String registered = file(REGION, "驻训部队进出道路冬季除雪");
        register(registered, today.plusDays(30));
        String submitted = file(REGION, "营区饮用水管网改造");
        awaitTask(inProgress, task -> assertThat(task.path("percent").asInt()).isEqualTo(40));
        awaitTask(registered, task -> assertThat(task.path("status").asText()).isEqualTo("REGISTERED"));
        awaitTask(submitted, task -> assertThat(task.path("status").asText()).isEqualTo("SUBMITTED"));
        // the warning lights of today, which the supervision scheduler would otherwise set later, on either side of the backup
        HttpResponse<String> evaluated = send("POST", supervision + "/admin/supervision/evaluation", null, null);
        assertThat(evaluated.statusCode()).as(evaluated.body()).isEqualTo(200);
        awaitTask(inProgress, task -> assertThat(task.path("light").asText()).isEqualTo("YELLOW"));
        awaitTask(registered, task -> assertThat(task.path("light").asText()).isEqualTo("GREEN"));
        await("history of " + inProgress).atMost(PROPAGATION_BOUND).untilAsserted(() ->
                assertThat(JSON.readTree(get(query + "/api/tasks/" + inProgress + "/history").body())).hasSize(5));
        Map<String, JsonNode> atBackup = answers(List.of(inProgress, registered, submitted));
        assertThat(atBackup.get("overdue").path("items").toString()).as("the overdue list is not empty").contains(inProgress);

        Run backedUp = dualList(original, "backup", backup.toString());
        assertThat(backedUp.exitCode()).as(backedUp.output()).isZero();
        assertThat(backedUp.output()).contains("while it runs", "registration", "progress", "supervision", "query");
        BackupManifest manifest = BackupManifest.read(backup);
        assertThat(manifest.schema("query").orElseThrow().table("task").orElseThrow().rows()).isEqualTo(3);
        assertThat(manifest.schema("registration").orElseThrow().table(StoreBackup.EVENT_STORE).orElseThrow().rows())
                .as("filed 3, registered 2, claimed 1").isEqualTo(6);
        assertThat(manifest.schema("progress").orElseThrow().flywayHistory()).isNotEmpty();
        try (var beside = Files.list(backup.getParent())) {
            assertThat(beside.map(p -> p.getFileName().toString())).as("no partial backup left beside it")
                    .containsOnly("original", "backup");
        }

        Run again = dualList(original, "backup", backup.toString());
        assertThat(again.exitCode()).as(again.output()).isEqualTo(1);
        assertThat(again.output()).contains("is not empty");

        String afterBackup = file(REGION, "备份之后提报的实事");
        awaitTask(afterBackup, task -> assertThat(task.path("status").asText()).isEqualTo("SUBMITTED"));
        stack.close();
        stack = null;

        Path whileStopped = work.resolve("backup-while-stopped");
        Run stoppedRun = dualList(original, "backup", whileStopped.toString());
        assertThat(stoppedRun.exitCode()).as(stoppedRun.output()).isZero();
        assertThat(stoppedRun.output()).contains("is not running");
        assertThat(BackupManifest.read(whileStopped).schema("registration").orElseThrow().table(StoreBackup.EVENT_STORE)
                .orElseThrow().rows()).as("with the filing after the first backup").isEqualTo(7);

        Run intoUsed = dualList(original, "restore", backup.toString());
        assertThat(intoUsed.exitCode()).as(intoUsed.output()).isEqualTo(1);
        assertThat(intoUsed.output()).contains("is not empty");

        Path damaged = work.resolve("damaged");
        copyTree(backup, damaged);
        Path taskRows = damaged.resolve("query/task.copy");
        Files.writeString(taskRows, Files.readString(taskRows, StandardCharsets.UTF_8).replace("营区饮用水管网改造", "营区饮用水管网修缮"),
                StandardCharsets.UTF_8);
        Path untouched = work.resolve("untouched");
        Run fromDamaged = dualList(untouched, "restore", damaged.toString());
        assertThat(fromDamaged.exitCode()).as(fromDamaged.output()).isEqualTo(1);
        assertThat(fromDamaged.output()).contains("query/task.copy", "the backup is damaged");
        assertThat(untouched).as("a refused restore creates nothing").doesNotExist();

        long begin = System.nanoTime();
        Run restoredRun = dualList(restored, "restore", backup.toString());
        assertThat(restoredRun.exitCode()).as(restoredRun.output()).isZero();
        assertThat(restoredRun.output()).contains("registration", "progress", "supervision", "query", "Restored",
                "./dual-list up");
        System.out.printf("Restore took %.1f s%n", (System.nanoTime() - begin) / 1e9);

        start(config(restored));
        assertThat(answers(List.of(inProgress, registered, submitted))).as("answers right after the restore").isEqualTo(atBackup);
        assertThat(get(query + "/api/tasks/" + afterBackup).statusCode()).as("the task filed after the backup").isEqualTo(404);

        // a command after the restore: through registration and progress to the query read model
        String newTask = file(OTHER_REGION, "恢复之后提报的实事");
        register(newTask, today.plusDays(20));
        retried(() -> post(registration, newTask, "claim", null, housingToken));
        retried(() -> post(progress, newTask, "progress", JSON.createObjectNode().put("percent", 10)
                .put("narrative", "已进场施工。"), housingToken), 404, 409);
        awaitTask(newTask, task -> {
            assertThat(task.path("status").asText()).isEqualTo("IN_PROGRESS");
            assertThat(task.path("percent").asInt()).isEqualTo(10);
        });

        // every restored event is published to the new Kafka again and consumed, without changing an answer
        awaitRepublished(Topics.REGISTRATION, "registration");
        awaitRepublished(Topics.PROGRESS, "progress");
        awaitRepublished(Topics.SUPERVISION, "supervision");
        awaitConsumed("dual-list.query");
        assertThat(answers(List.of(inProgress, registered, submitted))).as("answers once the events are published again")
                .isEqualTo(atBackup);
        assertThat(get(query + "/api/tasks/" + afterBackup).statusCode()).isEqualTo(404);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
    }

    private StackConfig config(Path dataDir) throws IOException {
        return FreePorts.assign(StackConfig.defaults(root).withDataDir(dataDir));
    }

    private void start(StackConfig config) throws IOException {
        stack = LocalStack.start(config);
        registration = config.baseUrl(ServiceDefinition.REGISTRATION);
        progress = config.baseUrl(ServiceDefinition.PROGRESS);
        supervision = config.baseUrl(ServiceDefinition.SUPERVISION);
        query = config.baseUrl(ServiceDefinition.QUERY);
        requesterToken = stack.tokens().mint(LocalTokens.unit(REQUESTER, UnitSide.MILITARY, "150100"));
        officeToken = stack.tokens().mint(LocalTokens.office("150100"));
        leaderToken = stack.tokens().mint(LocalTokens.leader("150100"));
        housingToken = stack.tokens().mint(LocalTokens.unit(HOUSING, UnitSide.CIVIL, "150100"));
    }

    /** What the query service answers about the region and the tasks: the list, each task and its history, overdue, stats. */
    private Map<String, JsonNode> answers(List<String> tasks) throws Exception {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        answers.put("list", ok(get(query + "/api/tasks?region=" + REGION + "&year=" + today.getYear() + "&size=200")));
        for (String id : tasks) {
            answers.put("task " + id, ok(get(query + "/api/tasks/" + id)));
            answers.put("history " + id, ok(get(query + "/api/tasks/" + id + "/history")));
        }
        String asOf = today.plusDays(10).toString();
        answers.put("overdue", ok(get(query + "/api/tasks/overdue?region=" + REGION + "&asOf=" + asOf + "&size=500")));
        answers.put("stats", ok(get(query + "/api/stats?region=" + REGION + "&asOf=" + asOf)));
        return answers;
    }

    private static JsonNode ok(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Waits until the topic holds at least every publishable event of the service's restored event store. */
    private void awaitRepublished(String topic, String schema) throws Exception {
        long stored = 0;
        try (Connection connection = stack.postgres().superuserDataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT payloadType FROM " + schema + ".domainevententry")) {
            while (rows.next()) {
                if (EventTypes.byPayloadTypeName(rows.getString(1)).isPresent()) {
                    stored++;
                }
            }
        }
        long expected = stored;
        assertThat(expected).as("events stored by " + schema).isPositive();
        try (Admin kafka = admin()) {
            await(topic + " holds every stored event").atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(endOffsets(kafka, topic).values().stream().mapToLong(Long::longValue).sum())
                            .isGreaterThanOrEqualTo(expected));
        }
    }

    /** Waits until the consumer group has applied everything on every topic. */
    private void awaitConsumed(String group) throws Exception {
        try (Admin kafka = admin()) {
            await(group + " consumed every topic").atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                for (String topic : List.of(Topics.REGISTRATION, Topics.PROGRESS, Topics.SUPERVISION)) {
                    for (var end : endOffsets(kafka, topic).entrySet()) {
                        long reached = committed.containsKey(end.getKey()) ? committed.get(end.getKey()).offset() : 0;
                        assertThat(reached).as(end.getKey().toString()).isEqualTo(end.getValue());
                    }
                }
            });
        }
    }

    private Map<TopicPartition, Long> endOffsets(Admin kafka, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        kafka.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> wanted.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        kafka.listOffsets(wanted).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().kafkaBootstrap());
        return Admin.create(properties);
    }

    private record Run(int exitCode, String output) {
    }

    /** {@code ./dual-list COMMAND ...} on a data dir, as a child process, at most five minutes. */
    private Run dualList(Path dataDir, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("dual-list").toString()));
        command.addAll(List.of(arguments));
        Path log = Files.createDirectories(root.resolve("deploy/local/target/it-backup-logs")).resolve("dual-list-" + arguments[0] + "-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(StackConfig.DATA_DIR_VARIABLE, dataDir.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not finish in 5 min: " + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("$ dual-list " + String.join(" ", arguments) + "\n" + output);
        return new Run(process.exitValue(), output);
    }

    private void awaitTask(String id, Shows shows) {
        await("query shows " + id).atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            HttpResponse<String> task = get(query + "/api/tasks/" + id);
            assertThat(task.statusCode()).as(task.body()).isEqualTo(200);
            shows.check(JSON.readTree(task.body()));
        });
    }

    @FunctionalInterface
    private interface Shows {
        void check(JsonNode task) throws Exception;
    }

    private String file(String region, String title) throws Exception {
        HttpResponse<String> created = send("POST", registration + "/api/tasks", JSON.createObjectNode()
                .put("list", "SUPPORT_THE_MILITARY")
                .put("regionCode", region)
                .put("year", today.getYear())
                .put("title", title)
                .put("content", "驻地部队提出的实事需求，请相关部门研究办理。")
                .put("category", "CAMP_SURROUNDINGS")
                .put("requesterUnit", REQUESTER)
                .put("contactName", "李志刚")
                .put("contactPhone", "0471-6902156"), requesterToken);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private void register(String id, LocalDate deadline) throws Exception {
        ObjectNode body = JSON.createObjectNode()
                .put("responsibleUnit", HOUSING)
                .put("deadline", deadline.toString())
                .put("qualityRequirement", "按期完成，验收合格");
        body.set("coUnits", JSON.createArrayNode());
        retried(() -> post(registration, id, "registration", body, officeToken));
    }

    /** Sends until the answer is none of {@code retryOn} (another service catching up), then requires 2xx. */
    private static void retried(Callable<HttpResponse<String>> command, Integer... retryOn) throws Exception {
        Set<Integer> retry = Set.of(retryOn);
        List<HttpResponse<String>> answers = new ArrayList<>(List.of(command.call()));
        if (retry.contains(answers.get(0).statusCode())) {
            await("caught up").atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(200)).until(() -> {
                answers.add(command.call());
                return !retry.contains(answers.get(answers.size() - 1).statusCode());
            });
        }
        HttpResponse<String> last = answers.get(answers.size() - 1);
        assertThat(last.statusCode()).as(last.body()).isBetween(200, 299);
    }

    private HttpResponse<String> post(String service, String id, String action, JsonNode body, String token) throws Exception {
        return send("POST", service + "/api/tasks/" + id + "/" + action, body, token);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return send("GET", url, null, leaderToken);
    }

    private static HttpResponse<String> send(String method, String url, JsonNode body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
