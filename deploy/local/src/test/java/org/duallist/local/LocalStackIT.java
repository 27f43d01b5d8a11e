package org.duallist.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.duallist.contracts.UnitSide;
import org.duallist.identity.KeyFiles;
import org.duallist.identity.TokenClaims;
import org.duallist.identity.TokenMinter;
import org.duallist.spreadsheet.ListImportLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole stack as the launcher runs it (embedded PostgreSQL, Kafka child process, the packaged
 * services as child processes), on test ports and a data dir of its own under {@code target/}. Every
 * {@code /api} call carries a bearer token signed with the stack's own key pair ({@link LocalStack#tokens()}):
 * a military unit of the city files, the city's office registers, its leader reads.
 *
 * <p>The journeys drive single tasks through registration and progress with the token of whoever
 * takes each step, and wait after each step until the query service shows its effect; the time from
 * the command's answer to that is printed ("Propagation: ...").
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final String REQUESTER = "呼和浩特警备区政治工作处";
    private static final String HOUSING = "呼和浩特市住房和城乡建设局";
    private static final String TRANSPORT = "呼和浩特市交通运输局";
    /** How long a journey step may take to reach the query service (and another service to learn a fact). */
    private static final Duration PROPAGATION_BOUND = Duration.ofSeconds(30);

    private static LocalStack stack;
    private static String registration;
    private static String progress;
    private static String supervision;
    private static String query;
    private static String requesterToken;
    private static String officeToken;
    private static String leaderToken;
    private static String housingToken;
    private static String transportToken;
    /** The task that climbs every grade in the supervision journey, which the browser test looks at as of its days. */
    private static final String JOURNEY_TITLE = "冬季驻训地连接路段除雪保通";
    private static LocalDate journeyDeadline;
    /** Command answered → effect visible in the query service, every journey step, in milliseconds. */
    private static final List<Long> allPropagation = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startStack() throws IOException {
        Path root = Path.of(System.getProperty("dual-list.root", "../..")).toAbsolutePath().normalize();
        StackConfig config = StackConfig.defaults(root)
                .withDataDir(root.resolve("deploy/local/target/it-stack"))
                .withReset(true)
                .withPorts(25432, 29092)
                .withServicePort(ServiceDefinition.QUERY, 18080)
                .withServicePort(ServiceDefinition.REGISTRATION, 18081)
                .withServicePort(ServiceDefinition.PROGRESS, 18082)
                .withServicePort(ServiceDefinition.SUPERVISION, 18083);
        stack = LocalStack.start(config);
        registration = config.baseUrl(ServiceDefinition.REGISTRATION);
        progress = config.baseUrl(ServiceDefinition.PROGRESS);
        supervision = config.baseUrl(ServiceDefinition.SUPERVISION);
        query = config.baseUrl(ServiceDefinition.QUERY);
        requesterToken = stack.tokens().mint(LocalTokens.unit(REQUESTER, UnitSide.MILITARY, "150100"));
        officeToken = stack.tokens().mint(LocalTokens.office("150100"));
        leaderToken = stack.tokens().mint(LocalTokens.leader("150100"));
        housingToken = stack.tokens().mint(LocalTokens.unit(HOUSING, UnitSide.CIVIL, "150100"));
        transportToken = stack.tokens().mint(LocalTokens.unit(TRANSPORT, UnitSide.CIVIL, "150100"));
        System.out.println("Stack started: " + stack.startTimes() + ", total " + stack.totalStartTime());
    }

    @AfterAll
    static void stopStack() {
        if (!allPropagation.isEmpty()) {
            System.out.println("Propagation over all journeys: " + propagation(allPropagation));
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(0)
    void api_calls_without_a_valid_token_are_refused() throws Exception {
        HttpResponse<String> list = send("GET", query + "/api/tasks", null, null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(401);
        HttpResponse<String> filed = send("POST", registration + "/api/tasks", task("150102", "无令牌提报"), null);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(401);

        String foreignKey = new TokenMinter(KeyFiles.generate().getPrivate(), TokenClaims.LOCAL_ISSUER)
                .mint(LocalTokens.leader("150100"), Duration.ofHours(1));
        HttpResponse<String> forged = send("GET", query + "/api/tasks", null, foreignKey);
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);

        HttpResponse<String> byLeader = send("POST", registration + "/api/tasks", task("150102", "领导小组提报"), leaderToken);
        assertThat(byLeader.statusCode()).as(byLeader.body()).isEqualTo(403);
    }

    @Test
    @Order(0)
    void the_dashboard_offers_the_demo_users_and_their_tokens_work() throws Exception {
        HttpResponse<String> page = send("GET", query + "/", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("督查督办看板");
        HttpResponse<String> users = send("GET", query + "/local/demo-users", null, null);
        assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
        JsonNode list = JSON.readTree(users.body());
        assertThat(list).hasSize(DemoData.ACTORS.size());
        for (JsonNode user : list) {
            HttpResponse<String> stats = send("GET", query + "/api/stats", null, user.path("token").asText());
            assertThat(stats.statusCode()).as(user.path("label").asText() + ": " + stats.body()).isEqualTo(200);
        }
    }

    @Test
    @Order(1)
    void a_registered_task_reaches_the_query_service() throws Exception {
        String id = file("150102", "营区周边道路照明改造");
        HttpResponse<String> registered = send("POST", registration + "/api/tasks/" + id + "/registration",
                JSON.createObjectNode()
                        .put("responsibleUnit", "呼和浩特市住房和城乡建设局")
                        .put("deadline", LocalDate.now(ZONE).plusDays(30).toString())
                        .put("qualityRequirement", "安装路灯20盏，验收合格")
                        .set("coUnits", JSON.createArrayNode().add("新城区人民政府")), officeToken);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            HttpResponse<String> task = send("GET", query + "/api/tasks/" + id, null, leaderToken);
            assertThat(task.statusCode()).as(task.body()).isEqualTo(200);
            assertThat(JSON.readTree(task.body()).path("status").asText()).isEqualTo("REGISTERED");
        });
    }

    @Test
    @Order(2)
    void a_task_goes_from_filing_to_closing_and_every_step_reaches_the_query_service() throws Exception {
        List<Long> times = new ArrayList<>();
        LocalDate today = LocalDate.now(ZONE);
        LocalDate deadline = today.plusDays(20);
        LocalDate extended = today.plusDays(50);

        String id = fileStep(times, "150121", "民兵训练基地营区道路整修");
        step(times, id, "立项交办", Set.of(), () -> post(registration, id, "registration", JSON.createObjectNode()
                .put("responsibleUnit", HOUSING)
                .put("deadline", deadline.toString())
                .put("qualityRequirement", "道路整修2公里，验收合格")
                .set("coUnits", JSON.createArrayNode().add("土默特左旗人民政府")), officeToken), task -> {
            assertThat(task.path("status").asText()).isEqualTo("REGISTERED");
            assertThat(task.path("responsibleUnit").asText()).isEqualTo(HOUSING);
            assertThat(task.path("deadline").asText()).isEqualTo(deadline.toString());
        });
        step(times, id, "签收", Set.of(), () -> post(registration, id, "claim", null, housingToken),
                task -> assertThat(task.path("status").asText()).isEqualTo("CLAIMED"));
        // the progress service learns the claim from Kafka: until then it answers 404 or 409
        step(times, id, "进度反馈 30%", Set.of(404, 409), () -> post(progress, id, "progress", JSON.createObjectNode()
                .put("percent", 30).put("narrative", "完成道路勘察设计，施工队伍进场。"), housingToken), task -> {
            assertThat(task.path("status").asText()).isEqualTo("IN_PROGRESS");
            assertThat(task.path("percent").asInt()).isEqualTo(30);
        });
        JsonNode raised = step(times, id, "困难问题", Set.of(), () -> post(progress, id, "obstacles",
                JSON.createObjectNode().put("description", "部分路段涉及林地占用，需林草部门审批。"), housingToken),
                task -> assertThat(task.path("openObstacles").asInt()).isEqualTo(1));
        String obstacleId = raised.path("obstacleId").asText();
        assertThat(obstacleId).isNotBlank();
        step(times, id, "问题解决", Set.of(), () -> post(progress, id, "obstacles/" + obstacleId + "/resolution",
                JSON.createObjectNode().put("resolution", "市双拥办协调林草部门，林地占用审批已办结。"), officeToken),
                task -> assertThat(task.path("openObstacles").asInt()).isZero());
        step(times, id, "延期申请", Set.of(), () -> post(registration, id, "extension-request", JSON.createObjectNode()
                .put("requestedDeadline", extended.toString()).put("reason", "林地审批耽误工期一个月。"), housingToken),
                task -> assertThat(task.path("requestedDeadline").asText()).isEqualTo(extended.toString()));
        step(times, id, "批准延期", Set.of(), () -> post(registration, id, "extension-approval", null, officeToken), task -> {
            assertThat(task.path("deadline").asText()).isEqualTo(extended.toString());
            assertThat(task.path("originalDeadline").asText()).isEqualTo(deadline.toString());
            assertThat(task.path("extensionCount").asInt()).isEqualTo(1);
            assertThat(task.path("requestedDeadline").isNull()).isTrue();
        });
        step(times, id, "进度反馈 90%", Set.of(), () -> post(progress, id, "progress", JSON.createObjectNode()
                .put("percent", 90).put("narrative", "路面硬化完成，正在安装路灯。"), housingToken),
                task -> assertThat(task.path("percent").asInt()).isEqualTo(90));
        step(times, id, "办结反馈", Set.of(), () -> post(progress, id, "completion", completion("道路整修完成。"), housingToken),
                task -> assertThat(task.path("status").asText()).isEqualTo("COMPLETION_REPORTED"));
        step(times, id, "验收不通过", Set.of(), () -> post(progress, id, "rejection",
                JSON.createObjectNode().put("reasons", "路灯未全部通电。"), requesterToken),
                task -> assertThat(task.path("status").asText()).isEqualTo("IN_PROGRESS"));
        step(times, id, "办结反馈 (again)", Set.of(), () -> post(progress, id, "completion",
                completion("路灯已全部通电，道路整修完成。"), housingToken),
                task -> assertThat(task.path("status").asText()).isEqualTo("COMPLETION_REPORTED"));
        step(times, id, "验收通过", Set.of(), () -> post(progress, id, "acceptance", null, requesterToken), task -> {
            assertThat(task.path("status").asText()).isEqualTo("ACCEPTED");
            assertThat(task.path("percent").asInt()).isEqualTo(100);
        });
        step(times, id, "评议", Set.of(), () -> post(progress, id, "rating",
                JSON.createObjectNode().put("score", 5).put("comment", "工程质量好，满意。"), requesterToken),
                task -> assertThat(task.path("rating").asInt()).isEqualTo(5));
        // registration learns the acceptance from Kafka: until then closing answers 409
        step(times, id, "销号", Set.of(409), () -> post(registration, id, "closing",
                JSON.createObjectNode().put("note", "验收合格，同意销号。"), officeToken),
                task -> assertThat(task.path("status").asText()).isEqualTo("CLOSED"));

        String requester = "unit-" + REQUESTER;
        String housing = "unit-" + HOUSING;
        String office = "office-150100";
        assertHistory(id, List.of(
                "需求提报 " + requester + " UNIT",
                "立项交办 " + office + " OFFICE",
                "签收 " + housing + " UNIT",
                "进度反馈 " + housing + " UNIT",
                "困难问题 " + housing + " UNIT",
                "问题解决 " + office + " OFFICE",
                "延期申请 " + housing + " UNIT",
                "批准延期 " + office + " OFFICE",
                "进度反馈 " + housing + " UNIT",
                "办结反馈 " + housing + " UNIT",
                "验收不通过 " + requester + " UNIT",
                "办结反馈 " + housing + " UNIT",
                "验收通过 " + requester + " UNIT",
                "评议 " + requester + " UNIT",
                "销号 " + office + " OFFICE"));

        System.out.println("Propagation: " + propagation(times));
    }

    @Test
    @Order(3)
    void a_returned_task_is_reassigned_and_the_new_unit_claims_it_and_reports_progress() throws Exception {
        List<Long> times = new ArrayList<>();
        String id = fileStep(times, "150122", "驻训部队进出道路冬季除雪");
        step(times, id, "立项交办", Set.of(), () -> post(registration, id, "registration", JSON.createObjectNode()
                .put("responsibleUnit", HOUSING)
                .put("deadline", LocalDate.now(ZONE).plusDays(40).toString())
                .put("qualityRequirement", "降雪后24小时内完成除雪")
                .set("coUnits", JSON.createArrayNode()), officeToken), task -> {
            assertThat(task.path("status").asText()).isEqualTo("REGISTERED");
            assertThat(task.path("responsibleUnit").asText()).isEqualTo(HOUSING);
        });
        step(times, id, "退回", Set.of(), () -> post(registration, id, "return",
                JSON.createObjectNode().put("reason", "道路除雪属交通运输部门职责。"), housingToken),
                task -> assertThat(task.path("status").asText()).isEqualTo("RETURNED"));
        step(times, id, "改派", Set.of(), () -> post(registration, id, "reassignment", JSON.createObjectNode()
                .put("responsibleUnit", TRANSPORT)
                .set("coUnits", JSON.createArrayNode().add(HOUSING)), officeToken), task -> {
            assertThat(task.path("status").asText()).isEqualTo("REGISTERED");
            assertThat(task.path("responsibleUnit").asText()).isEqualTo(TRANSPORT);
        });
        HttpResponse<String> byFormerUnit = post(registration, id, "claim", null, housingToken);
        assertThat(byFormerUnit.statusCode()).as(byFormerUnit.body()).isEqualTo(403);
        step(times, id, "签收 by the new unit", Set.of(), () -> post(registration, id, "claim", null, transportToken),
                task -> assertThat(task.path("status").asText()).isEqualTo("CLAIMED"));
        step(times, id, "进度反馈 by the new unit", Set.of(404, 409), () -> post(progress, id, "progress",
                JSON.createObjectNode().put("percent", 20).put("narrative", "除雪机械和人员已落实。"), transportToken), task -> {
            assertThat(task.path("status").asText()).isEqualTo("IN_PROGRESS");
            assertThat(task.path("percent").asInt()).isEqualTo(20);
            assertThat(task.path("responsibleUnit").asText()).isEqualTo(TRANSPORT);
        });
        assertHistory(id, List.of(
                "需求提报 unit-" + REQUESTER + " UNIT",
                "立项交办 office-150100 OFFICE",
                "退回 unit-" + HOUSING + " UNIT",
                "改派 office-150100 OFFICE",
                "签收 unit-" + TRANSPORT + " UNIT",
                "进度反馈 unit-" + TRANSPORT + " UNIT"));
        System.out.println("Propagation (return and reassignment): " + propagation(times));
    }

    @Test
    @Order(4)
    void a_withdrawn_task_is_no_longer_overdue() throws Exception {
        List<Long> times = new ArrayList<>();
        LocalDate deadline = LocalDate.now(ZONE).plusDays(10);
        LocalDate afterTheDeadline = deadline.plusDays(20);
        String id = fileStep(times, "150123", "营区周边排水沟清淤");
        step(times, id, "立项交办", Set.of(), () -> post(registration, id, "registration", JSON.createObjectNode()
                .put("responsibleUnit", HOUSING)
                .put("deadline", deadline.toString())
                .put("qualityRequirement", "汛期前完成清淤")
                .set("coUnits", JSON.createArrayNode()), officeToken),
                task -> assertThat(task.path("status").asText()).isEqualTo("REGISTERED"));
        step(times, id, "签收", Set.of(), () -> post(registration, id, "claim", null, housingToken),
                task -> assertThat(task.path("status").asText()).isEqualTo("CLAIMED"));
        assertThat(overdueIds("150123", afterTheDeadline)).as("overdue after its deadline while claimed").contains(id);

        step(times, id, "撤销", Set.of(), () -> post(registration, id, "withdrawal",
                JSON.createObjectNode().put("reason", "部队已自行组织清淤。"), requesterToken),
                task -> assertThat(task.path("status").asText()).isEqualTo("WITHDRAWN"));
        assertThat(overdueIds("150123", afterTheDeadline)).as("overdue list after the withdrawal").doesNotContain(id);
        assertThat(overdueIds("150123", null)).doesNotContain(id);
        System.out.println("Propagation (withdrawal): " + propagation(times));
    }

    /** Expectations on the task as the query service answers it. */
    @FunctionalInterface
    private interface Shows {
        void check(JsonNode task) throws Exception;
    }

    /** Files a task in {@code region} as the requester, then waits until the query service has it. */
    private static String fileStep(List<Long> times, String region, String title) throws Exception {
        String[] id = new String[1];
        step(times, null, "需求提报", Set.of(), () -> {
            HttpResponse<String> created = send("POST", registration + "/api/tasks", task(region, title), requesterToken);
            if (created.statusCode() == 201) {
                id[0] = JSON.readTree(created.body()).path("id").asText();
            }
            return created;
        }, task -> assertThat(task.path("status").asText()).isEqualTo("SUBMITTED"), () -> id[0]);
        return id[0];
    }

    private static JsonNode step(List<Long> times, String id, String what, Set<Integer> retryOn,
                                 Callable<HttpResponse<String>> command, Shows shows) throws Exception {
        return step(times, id, what, retryOn, command, shows, () -> id);
    }

    /**
     * Sends {@code command} (again while it answers one of {@code retryOn}, within the bound), requires a
     * 2xx answer, then waits until the query service shows {@code shows}; records the time between the
     * answer and the first read that shows it. Returns the command's answer.
     */
    private static JsonNode step(List<Long> times, String id, String what, Set<Integer> retryOn,
                                 Callable<HttpResponse<String>> command, Shows shows, Callable<String> taskId) throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>(List.of(command.call()));
        // the service that judges the command may still be catching up with another's events
        if (retryOn.contains(answers.get(0).statusCode())) {
            await(what + " accepted").atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(100)).until(() -> {
                answers.add(command.call());
                return !retryOn.contains(answers.get(answers.size() - 1).statusCode());
            });
        }
        HttpResponse<String> response = answers.get(answers.size() - 1);
        int retries = answers.size() - 1;
        long answered = System.nanoTime();
        assertThat(response.statusCode()).as(what + " answered " + response.body()).isBetween(200, 299);
        String readId = taskId.call();
        long[] visible = new long[1];
        await(what).atMost(PROPAGATION_BOUND).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            HttpResponse<String> task = send("GET", query + "/api/tasks/" + readId, null, leaderToken);
            visible[0] = System.nanoTime();
            assertThat(task.statusCode()).as(task.body()).isEqualTo(200);
            shows.check(JSON.readTree(task.body()));
        });
        long millis = Duration.ofNanos(visible[0] - answered).toMillis();
        times.add(millis);
        allPropagation.add(millis);
        System.out.printf("  %s: visible in the query service after %d ms%s%n", what, millis,
                retries == 0 ? "" : " (the command was retried " + retries + " times while the service caught up)");
        return response.body() == null || response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /**
     * The task's history as "label user role" lines, once it has as many steps as expected; the
     * supervision service's own lights and notices may come in between and are checked apart.
     */
    private static void assertHistory(String id, List<String> expected) {
        await("history of " + id).atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> history = send("GET", query + "/api/tasks/" + id + "/history", null, leaderToken);
            assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
            List<String> steps = new ArrayList<>();
            for (JsonNode step : JSON.readTree(history.body())) {
                assertThat(step.path("actorUser").asText()).as("actorUser of " + step).isNotBlank();
                assertThat(step.path("actorRole").asText()).as("actorRole of " + step).isNotBlank();
                assertThat(step.path("occurredAt").asText()).as("occurredAt of " + step).isNotBlank();
                if (step.path("actorRole").asText().equals("SYSTEM")) {
                    // the supervision schedule lights the task whenever its pass comes round: not a step of the journey
                    assertThat(step.path("label").asText()).as("step by the system " + step).isIn("预警", "督办单");
                    continue;
                }
                steps.add(step.path("label").asText() + " " + step.path("actorUser").asText() + " " + step.path("actorRole").asText());
            }
            assertThat(steps).containsExactlyElementsOf(expected);
        });
    }

    private static List<String> overdueIds(String region, LocalDate asOf) throws Exception {
        HttpResponse<String> overdue = send("GET", query + "/api/tasks/overdue?size=500&region=" + region
                + (asOf == null ? "" : "&asOf=" + asOf), null, leaderToken);
        assertThat(overdue.statusCode()).as(overdue.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        JSON.readTree(overdue.body()).path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static HttpResponse<String> post(String service, String id, String action, JsonNode body, String token)
            throws IOException, InterruptedException {
        return send("POST", service + "/api/tasks/" + id + "/" + action, body, token);
    }

    private static ObjectNode completion(String summary) {
        ObjectNode body = JSON.createObjectNode().put("summary", summary);
        body.set("evidenceLinks", JSON.createArrayNode().add("/evidence/1"));
        return body;
    }

    /** "median X ms, worst Y ms over N steps". */
    static String propagation(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        int n = sorted.size();
        long median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return "median " + median + " ms, worst " + sorted.get(n - 1) + " ms over " + n + " steps";
    }

    @Test
    @Order(5)
    void a_restarted_query_service_lists_every_task_once() throws Exception {
        String region = "150105";
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            ids.add(file(region, "随军家属就业岗位对接第" + i + "批"));
        }

        stack.service("query").stop();
        stack.service("query").start();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertListsExactlyOnce(region, ids));
    }

    @Test
    @Order(6)
    void tasks_filed_while_kafka_restarts_all_reach_the_query_service_once() throws Exception {
        String region = "150104";
        List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        long filingEnds = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Thread filer = new Thread(() -> {
            int n = 0;
            while (System.nanoTime() < filingEnds) {
                n++;
                attempts.incrementAndGet();
                try {
                    HttpResponse<String> created = send("POST", registration + "/api/tasks", task(region, "冬季驻训保障事项" + n),
                            requesterToken);
                    if (created.statusCode() == 201) {
                        accepted.add(JSON.readTree(created.body()).path("id").asText());
                    } else {
                        refused.incrementAndGet();
                    }
                    Thread.sleep(200); // a steady filing rate, not a wait for anything
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    refused.incrementAndGet();
                }
            }
        }, "filer");
        filer.start();

        await("filing before the outage").atMost(Duration.ofSeconds(30)).until(() -> accepted.size() >= 10);
        stack.kafka().stop();
        int attemptsAtStop = attempts.get();
        // keep the broker down while at least 25 more requests are filed
        await("filing during the outage").atMost(Duration.ofSeconds(60)).until(() -> attempts.get() >= attemptsAtStop + 25);
        stack.kafka().start();
        filer.join(Duration.ofSeconds(150).toMillis());
        assertThat(filer.isAlive()).isFalse();
        System.out.printf("filed while Kafka restarted: %d accepted, %d refused or failed%n", accepted.size(), refused.get());
        assertThat(accepted).isNotEmpty().hasSizeLessThan(200);

        List<String> ids = List.copyOf(accepted);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertListsExactlyOnce(region, ids));
    }

    /**
     * Supervision on the moved business clock, through every service: a claimed task passes its
     * deadline and climbs every grade (催办 on the first overdue day, 督办 a week later, 专题督办 the day
     * after its missed reply date, 提请领导小组 the day after the 专题督办's), the late and on-time answers
     * are recorded as such, completion and acceptance end its supervision, a failed audit reopens it
     * (registration consumes the audit), and a second completion, a passed audit and closing bring it
     * home. The leaders' overdue list follows it, today and as of past days. Last, since it moves the
     * clocks of every service (restored at the end).
     */
    @Test
    @Order(7)
    void an_overdue_task_climbs_every_grade_and_a_failed_audit_reopens_it() throws Exception {
        LocalDate deadline = LocalDate.now(ZONE).plusDays(10);
        journeyDeadline = deadline;
        String region = "150125";
        String id = file(region, JOURNEY_TITLE);
        assertThat(post(registration, id, "registration", JSON.createObjectNode()
                .put("responsibleUnit", TRANSPORT).put("deadline", deadline.toString())
                .put("qualityRequirement", "降雪后24小时内完成连接路段除雪")
                .set("coUnits", JSON.createArrayNode()), officeToken).statusCode()).isEqualTo(200);
        assertThat(post(registration, id, "claim", null, transportToken).statusCode()).isEqualTo(200);
        try {
            // the day before the deadline: yellow (临期), no notice
            onDay(deadline.minusDays(1));
            awaitSupervision(id, view -> {
                assertThat(view.path("light").asText()).isEqualTo("YELLOW");
                assertThat(view.path("notices")).isEmpty();
            });
            assertThat(overdueRow(id, region, deadline)).isNull();

            // the responsible unit follows its tasks on the notification stream while the clock moves on
            HttpResponse<java.util.stream.Stream<String>> stream = HTTP.send(HttpRequest.newBuilder(
                            URI.create(query + "/api/notifications/stream"))
                    .header("Authorization", "Bearer " + transportToken).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(stream.statusCode()).isEqualTo(200);
            java.util.Iterator<String> lines = stream.body().iterator();
            assertThat(nextEvent(lines, "ready")).isNotNull();
            onDay(deadline.plusDays(1));
            awaitShown(id, "RED", "REMINDER");
            assertThat(nextEvent(lines, "NOTICE_ISSUED")).contains(id, "催办");
            stream.body().close();
            JsonNode first = overdueRow(id, region, deadline.plusDays(1));
            assertThat(first.path("daysOverdue").asInt()).isEqualTo(1);
            assertThat(first.path("light").asText()).isEqualTo("RED");
            assertThat(first.path("lastNotice").path("gradeName").asText()).isEqualTo("催办");

            onDay(deadline.plusDays(7));
            JsonNode notice = awaitShown(id, "RED", "NOTICE").path("notices").get(1);
            assertThat(notice.path("issuedOn").asText()).isEqualTo(deadline.plusDays(7).toString());
            assertThat(notice.path("replyDue").asText()).isEqualTo(deadline.plusDays(12).toString());

            // the 督办's reply date passes unanswered: 专题督办 the next day, not 14 days later
            onDay(deadline.plusDays(13));
            JsonNode special = awaitShown(id, "RED", "SPECIAL").path("notices").get(2);
            assertThat(special.path("issuedOn").asText()).isEqualTo(deadline.plusDays(13).toString());
            HttpResponse<String> late = post(supervision, id, "notices/" + notice.path("noticeId").asText() + "/response",
                    JSON.createObjectNode().put("response", "已组织除雪机械进场，正在整改。"), transportToken);
            assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
            assertThat(JSON.readTree(late.body()).path("late").asBoolean()).isTrue();
            assertThat(overdueRow(id, region, deadline.plusDays(13)).path("replyLate").asBoolean()).isFalse();

            onDay(deadline.plusDays(19));
            JsonNode referral = awaitShown(id, "RED", "REFERRAL").path("notices").get(3);
            assertThat(referral.path("issuedOn").asText()).isEqualTo(deadline.plusDays(19).toString());
            HttpResponse<String> onTime = post(supervision, id, "notices/" + referral.path("noticeId").asText() + "/response",
                    JSON.createObjectNode().put("response", "领导小组督导后已完成全部路段除雪。"), transportToken);
            assertThat(onTime.statusCode()).as(onTime.body()).isEqualTo(200);
            assertThat(JSON.readTree(onTime.body()).path("late").asBoolean()).isFalse();
            await("responses shown").atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode notices = JSON.readTree(send("GET", query + "/api/tasks/" + id, null, leaderToken).body()).path("notices");
                assertThat(notices.get(1).path("responseLate").asBoolean()).isTrue();
                assertThat(notices.get(3).path("responseLate").asBoolean()).isFalse();
                assertThat(notices.get(2).path("response").isNull()).isTrue();
            });

            // completion and acceptance bring it home: no longer supervised nor overdue
            retried(() -> post(progress, id, "completion", completion("全部路段除雪完成，通行正常。"), transportToken), 404, 409);
            retried(() -> post(progress, id, "acceptance", null, requesterToken), 409);
            awaitSupervision(id, view -> assertThat(view.path("supervised").asBoolean()).isFalse());
            assertThat(overdueRow(id, region, deadline.plusDays(20))).isNull();

            // a failed audit reopens it (registration consumes the audit): overdue again, the grade stays
            retried(() -> post(supervision, id, "audits", JSON.createObjectNode()
                    .put("outcome", "FAILED").put("findings", "抽查发现两处弯道积雪未清。"), officeToken), 409);
            await("reopened").atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode task = JSON.readTree(send("GET", query + "/api/tasks/" + id, null, leaderToken).body());
                assertThat(task.path("status").asText()).isEqualTo("IN_PROGRESS");
                assertThat(task.path("reopenCount").asInt()).isEqualTo(1);
                assertThat(task.path("lastAuditOutcome").asText()).isEqualTo("FAILED");
            });
            assertThat(overdueRow(id, region, deadline.plusDays(20)).path("grade").asText()).isEqualTo("REFERRAL");

            retried(() -> post(progress, id, "completion", completion("两处弯道积雪已清除。"), transportToken), 409);
            retried(() -> post(progress, id, "acceptance", null, requesterToken), 409);
            retried(() -> post(supervision, id, "audits",
                    JSON.createObjectNode().put("outcome", "PASSED"), officeToken), 409);
            retried(() -> post(registration, id, "closing", JSON.createObjectNode().put("note", "复核通过，同意销号。"),
                    officeToken), 409);
            await("closed").atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode task = JSON.readTree(send("GET", query + "/api/tasks/" + id, null, leaderToken).body());
                assertThat(task.path("status").asText()).isEqualTo("CLOSED");
                assertThat(task.path("lastAuditOutcome").asText()).isEqualTo("PASSED");
                assertThat(task.path("audits")).hasSize(2);
            });
            assertThat(overdueRow(id, region, deadline.plusDays(21))).isNull();
            // as of past days, what those days said
            assertThat(overdueRow(id, region, deadline.plusDays(7)).path("grade").asText()).isEqualTo("NOTICE");
            assertThat(overdueRow(id, region, deadline.plusDays(13)).path("grade").asText()).isEqualTo("SPECIAL");
            assertThat(overdueRow(id, region, deadline)).isNull();

            HttpResponse<String> history = send("GET", query + "/api/tasks/" + id + "/history", null, leaderToken);
            List<String> labels = new ArrayList<>();
            JSON.readTree(history.body()).forEach(step -> labels.add(step.path("label").asText()));
            assertThat(labels).contains("预警", "督办单", "整改反馈", "核查", "重新办理", "销号");
        } finally {
            for (String service : List.of(registration, progress, supervision)) {
                send("DELETE", service + "/admin/clock", null, null);
            }
        }
    }

    /**
     * {@code ./dual-list import}: the template from the query service, filled in with two items of
     * 清水河县, imported from the command line as the city's office, reaches the query service; the
     * same file again files nothing, and a file with a bad row files nothing and names the cell.
     */
    @Test
    @Order(8)
    void a_year_list_is_imported_from_the_command_line_once() throws Exception {
        HttpResponse<byte[]> template = HTTP.send(HttpRequest.newBuilder(URI.create(query + "/api/lists/import/template"))
                .header("Authorization", "Bearer " + officeToken).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(template.statusCode()).isEqualTo(200);
        Path file = Path.of("target", "it-import-" + UUID.randomUUID() + ".xlsx");
        Path bad = Path.of("target", "it-import-bad-" + UUID.randomUUID() + ".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template.body()))) {
            for (String sheet : List.of("拥军优属清单", "拥政爱民清单")) {
                Row row = workbook.getSheet(sheet).getRow(ListImportLayout.HEADER_ROW + 1);
                row.getCell(ListImportLayout.COLUMNS.indexOf(ListImportLayout.REGION)).setCellValue("150124");
                row.getCell(ListImportLayout.COLUMNS.indexOf(ListImportLayout.NUMBER)).setCellValue("IT-" + sheet.charAt(1));
            }
            try (var out = java.nio.file.Files.newOutputStream(file)) {
                workbook.write(out);
            }
            workbook.getSheet("拥军优属清单").getRow(ListImportLayout.HEADER_ROW + 1)
                    .getCell(ListImportLayout.COLUMNS.indexOf(ListImportLayout.CONTACT_PHONE)).setCellValue("12345");
            try (var out = java.nio.file.Files.newOutputStream(bad)) {
                workbook.write(out);
            }
        }
        String[] args = {file.toString(), "--region", "150100", "--url", registration, "--token", officeToken};

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = new picocli.CommandLine(new ImportCommand(new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("导入 [", "2/2");
        assertThat(printed).contains("filed          拥军优属清单 第3行  编号 IT-军", "Filed and registered 2 new tasks; 0 were filed before");
        String id = printed.lines().filter(line -> line.contains("IT-军")).findFirst().orElseThrow().replaceAll(".*→ task ", "");
        await("imported task").atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode task = JSON.readTree(send("GET", query + "/api/tasks/" + id, null, leaderToken).body());
            assertThat(task.path("status").asText()).isEqualTo("REGISTERED");
            assertThat(task.path("regionCode").asText()).isEqualTo("150124");
        });

        out.reset();
        err.reset();
        exit = new picocli.CommandLine(new ImportCommand(new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Filed and registered 0 new tasks; 2 were filed before");

        err.reset();
        args[0] = bad.toString();
        exit = new picocli.CommandLine(new ImportCommand(new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nothing was filed", "拥军优属清单 第3行 联系电话");
    }

    /**
     * The leaders' dashboard in headless Chromium (Debian's chromium and chromium-driver, found on the
     * PATH or by CHROME_BIN and CHROMEDRIVER): sign in as the demo's city office, move the as-of date
     * to a day when the supervision journey's task was overdue, see it in the overdue list with its
     * grade, open its timeline; a screenshot is saved as target/dashboard.png.
     */
    @Test
    @Order(9)
    void the_dashboard_works_in_a_browser() throws Exception {
        assertThat(journeyDeadline).as("the supervision journey ran first").isNotNull();
        org.openqa.selenium.chrome.ChromeOptions options = new org.openqa.selenium.chrome.ChromeOptions();
        options.setBinary(executable("CHROME_BIN", "chromium"));
        Path profile = java.nio.file.Files.createTempDirectory("dual-list-chromium");
        // no background connections: this machine's closed network refuses them, and Chromium waits on them
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1600", "--lang=zh-CN", "--user-data-dir=" + profile);
        org.openqa.selenium.chrome.ChromeDriverService service = new org.openqa.selenium.chrome.ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File(executable("CHROMEDRIVER", "chromedriver"))).build();
        org.openqa.selenium.chrome.ChromeDriver browser = new org.openqa.selenium.chrome.ChromeDriver(service, options);
        try {
            org.openqa.selenium.support.ui.WebDriverWait wait =
                    new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(query + "/");
            org.openqa.selenium.WebElement office = wait.until(driver -> driver.findElements(
                            org.openqa.selenium.By.cssSelector("#demo-user-list button")).stream()
                    .filter(button -> button.getText().startsWith("office 150100")).findFirst().orElse(null));
            office.click();
            wait.until(driver -> driver.findElement(org.openqa.selenium.By.id("status")).getText().startsWith("截至"));
            assertThat(browser.findElement(org.openqa.selenium.By.id("who")).getText()).contains("双拥办", "150100");

            LocalDate overdueDay = journeyDeadline.plusDays(8);
            browser.executeScript("const input = document.getElementById('as-of'); input.value = arguments[0];"
                    + " input.dispatchEvent(new Event('change'));", overdueDay.toString());
            org.openqa.selenium.WebElement row = wait.until(driver -> driver.findElements(
                            org.openqa.selenium.By.cssSelector("#overdue tbody tr")).stream()
                    .filter(tr -> tr.getText().contains(JOURNEY_TITLE)).findFirst().orElse(null));
            assertThat(row.getText()).contains("督办", "8");
            assertThat(browser.findElement(org.openqa.selenium.By.id("overdue-day")).getText()).contains(overdueDay.toString());
            row.click();
            wait.until(driver -> driver.findElement(org.openqa.selenium.By.id("timeline")).getText().contains("督办单"));
            assertThat(browser.findElement(org.openqa.selenium.By.id("timeline")).getText()).contains("需求提报", "立项交办",
                    "核查", "销号");

            Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
            java.nio.file.Files.write(screenshot, browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            assertThat(screenshot).isNotEmptyFile();
            System.out.println("Dashboard screenshot: " + screenshot);
        } finally {
            browser.quit();
        }
    }

    /**
     * A webhook the city's office registered for a unit gets the unit's new assignment once, also
     * when the query service was down while it was made: the delivery is queued with the event and
     * sent after the restart.
     */
    @Test
    @Order(10)
    void a_webhook_gets_an_assignment_made_while_the_query_service_was_down_once() throws Exception {
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            HttpResponse<String> hook = send("POST", query + "/api/webhooks", JSON.createObjectNode().put("unit", TRANSPORT)
                    .put("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"), officeToken);
            assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);

            stack.service("query").stop();
            String id = file("150105", "驻训部队车辆通行保障");
            HttpResponse<String> registered = post(registration, id, "registration", JSON.createObjectNode()
                    .put("responsibleUnit", TRANSPORT).put("deadline", LocalDate.now(ZONE).plusDays(20).toString())
                    .put("qualityRequirement", "车辆通行证即报即办").set("coUnits", JSON.createArrayNode()), officeToken);
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            stack.service("query").start();

            await("webhook delivery").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> bodies.stream().anyMatch(body -> body.contains(id)));
            // once the log says delivered, the dispatcher never takes the delivery again: the count is final
            String hookId = JSON.readTree(hook.body()).path("id").asText();
            await("delivery logged").atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode log = JSON.readTree(send("GET", query + "/api/webhooks/" + hookId + "/deliveries", null,
                        officeToken).body());
                assertThat(log).anySatisfy(delivery -> {
                    assertThat(delivery.path("status").asText()).isEqualTo("DELIVERED");
                    assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
                });
            });
            // the assignment once; the supervision schedule may also light the new task (LIGHT_CHANGED), which is its own notification
            assertThat(bodies.stream().filter(body -> body.contains(id) && body.contains("\"type\":\"ASSIGNED\""))).hasSize(1);
        } finally {
            receiver.stop(0);
        }
    }

    /** A browser program: the path in {@code variable}, else {@code name} on the PATH; fails saying what to install. */
    private static String executable(String variable, String name) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (java.nio.file.Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(name + " is not on the PATH and " + variable + " is not set: the browser test needs "
                + "Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run installs them)");
    }

    /** The data of the next server-sent event named {@code name} (others skipped), within the propagation bound. */
    private static String nextEvent(java.util.Iterator<String> lines, String name) throws Exception {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            String event = "";
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:") && event.equals(name)) {
                    return line.substring(5).strip();
                }
            }
            return null;
        }).get(PROPAGATION_BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Moves every service's business clock to noon of {@code day} and has supervision evaluate it. */
    private static void onDay(LocalDate day) throws Exception {
        String now = day.atTime(LocalTime.NOON).atZone(ZONE).toInstant().toString();
        for (String service : List.of(registration, progress, supervision)) {
            HttpResponse<String> moved = send("PUT", service + "/admin/clock", JSON.createObjectNode().put("now", now), null);
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        }
        HttpResponse<String> evaluated = send("POST", supervision + "/admin/supervision/evaluation", null, null);
        assertThat(evaluated.statusCode()).as(evaluated.body()).isEqualTo(200);
    }

    private static void awaitSupervision(String id, Shows shows) {
        await("supervision of " + id).atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> view = send("GET", supervision + "/api/tasks/" + id + "/supervision", null, officeToken);
            assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
            shows.check(JSON.readTree(view.body()));
        });
    }

    /** Waits until supervision and then the query service show the light and grade; answers the query's task. */
    private static JsonNode awaitShown(String id, String light, String grade) throws Exception {
        awaitSupervision(id, view -> {
            assertThat(view.path("light").asText()).isEqualTo(light);
            assertThat(view.path("grade").asText()).isEqualTo(grade);
        });
        JsonNode[] shown = new JsonNode[1];
        await("query shows " + grade).atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode task = JSON.readTree(send("GET", query + "/api/tasks/" + id, null, leaderToken).body());
            assertThat(task.path("light").asText()).isEqualTo(light);
            assertThat(task.path("grade").asText()).isEqualTo(grade);
            shown[0] = task;
        });
        return shown[0];
    }

    /** The task's row in the leaders' overdue list of its region as of {@code day}, or null. */
    private static JsonNode overdueRow(String id, String region, LocalDate day) throws Exception {
        HttpResponse<String> overdue = send("GET", query + "/api/tasks/overdue?size=500&region=" + region + "&asOf=" + day,
                null, leaderToken);
        assertThat(overdue.statusCode()).as(overdue.body()).isEqualTo(200);
        for (JsonNode row : JSON.readTree(overdue.body()).path("items")) {
            if (row.path("id").asText().equals(id)) {
                return row;
            }
        }
        return null;
    }

    /** Sends until the answer is none of {@code retryOn} (another service catching up), then requires 2xx. */
    private static HttpResponse<String> retried(Callable<HttpResponse<String>> command, Integer... retryOn) throws Exception {
        Set<Integer> retry = Set.of(retryOn);
        List<HttpResponse<String>> answers = new ArrayList<>(List.of(command.call()));
        if (retry.contains(answers.get(0).statusCode())) {
            await("caught up").atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(100)).until(() -> {
                answers.add(command.call());
                return !retry.contains(answers.get(answers.size() - 1).statusCode());
            });
        }
        HttpResponse<String> last = answers.get(answers.size() - 1);
        assertThat(last.statusCode()).as(last.body()).isBetween(200, 299);
        return last;
    }

    private static void assertListsExactlyOnce(String region, List<String> ids) throws Exception {
        int year = LocalDate.now(ZONE).getYear();
        HttpResponse<String> page = send("GET", query + "/api/tasks?region=" + region + "&year=" + year + "&size=200", null,
                leaderToken);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(page.body());
        List<String> listed = new ArrayList<>();
        body.path("items").forEach(item -> listed.add(item.path("id").asText()));
        Map<String, Long> counts = listed.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts).as("listed ids").containsOnlyKeys(ids);
        assertThat(counts.values()).as("each id once").allMatch(c -> c == 1);
        assertThat(body.path("total").asLong()).as("total").isEqualTo(ids.size());
    }

    private static String file(String region, String title) throws Exception {
        HttpResponse<String> created = send("POST", registration + "/api/tasks", task(region, title), requesterToken);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private static ObjectNode task(String region, String title) {
        return JSON.createObjectNode()
                .put("list", "SUPPORT_THE_MILITARY")
                .put("regionCode", region)
                .put("year", LocalDate.now(ZONE).getYear())
                .put("title", title)
                .put("content", "驻地部队提出的实事需求，请相关部门研究办理。")
                .put("category", "CAMP_SURROUNDINGS")
                .put("requesterUnit", REQUESTER)
                .put("contactName", "李志刚")
                .put("contactPhone", "0471-6902156");
    }

    /** A request with {@code token} as its bearer token, or without one if it is null. */
    private static HttpResponse<String> send(String method, String url, JsonNode body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90))
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
