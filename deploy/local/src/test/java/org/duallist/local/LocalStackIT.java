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
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.duallist.contracts.UnitSide;
import org.duallist.identity.KeyFiles;
import org.duallist.identity.TokenClaims;
import org.duallist.identity.TokenMinter;
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
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final String REQUESTER = "呼和浩特警备区政治工作处";

    private static LocalStack stack;
    private static String registration;
    private static String query;
    private static String requesterToken;
    private static String officeToken;
    private static String leaderToken;

    @BeforeAll
    static void startStack() throws IOException {
        Path root = Path.of(System.getProperty("dual-list.root", "../..")).toAbsolutePath().normalize();
        StackConfig config = StackConfig.defaults(root)
                .withDataDir(root.resolve("deploy/local/target/it-stack"))
                .withReset(true)
                .withPorts(25432, 29092)
                .withServicePort(ServiceDefinition.QUERY, 18080)
                .withServicePort(ServiceDefinition.REGISTRATION, 18081)
                .withServicePort(ServiceDefinition.PROGRESS, 18082);
        stack = LocalStack.start(config);
        registration = config.baseUrl(ServiceDefinition.REGISTRATION);
        query = config.baseUrl(ServiceDefinition.QUERY);
        requesterToken = stack.tokens().mint(LocalTokens.unit(REQUESTER, UnitSide.MILITARY, "150100"));
        officeToken = stack.tokens().mint(LocalTokens.office("150100"));
        leaderToken = stack.tokens().mint(LocalTokens.leader("150100"));
        System.out.println("Stack started: " + stack.startTimes() + ", total " + stack.totalStartTime());
    }

    @AfterAll
    static void stopStack() {
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
    @Order(3)
    void tasks_filed_while_kafka_restarts_all_reach_the_query_service_once() throws Exception {
        String region = "150104";
        List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        long filingEnds = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Thread filer = new Thread(() -> {
            int n = 0;
            while (System.nanoTime() < filingEnds) {
                n++;
                try {
                    HttpResponse<String> created = send("POST", registration + "/api/tasks", task(region, "冬季驻训保障事项" + n),
                            requesterToken);
                    if (created.statusCode() == 201) {
                        accepted.add(JSON.readTree(created.body()).path("id").asText());
                    } else {
                        refused.incrementAndGet();
                    }
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    refused.incrementAndGet();
                }
            }
        }, "filer");
        filer.start();

        Thread.sleep(4_000);
        stack.kafka().stop();
        Thread.sleep(8_000);
        stack.kafka().start();
        filer.join(Duration.ofSeconds(150).toMillis());
        assertThat(filer.isAlive()).isFalse();
        System.out.printf("filed while Kafka restarted: %d accepted, %d refused or failed%n", accepted.size(), refused.get());
        assertThat(accepted).isNotEmpty().hasSizeLessThan(200);

        List<String> ids = List.copyOf(accepted);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertListsExactlyOnce(region, ids));
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
