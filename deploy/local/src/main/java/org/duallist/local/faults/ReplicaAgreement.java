package org.duallist.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.duallist.contracts.CloudEventsKafkaBinding;
import org.duallist.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.RegionCode;
import org.duallist.contracts.UnitSide;
import org.duallist.local.LocalTokens;
import org.duallist.local.ServiceDefinition;
import org.duallist.local.StackConfig;

/**
 * Checks that two replicas of every service behave as one instance, through the public REST API
 * (and read-only SQL where events are counted):
 * <ol>
 *   <li>the same GET asked of replica 1 and replica 2, as the offices, leaders and units of two regions,
 *       gets the same status and the same body (JSON compared parsed, CSV byte for byte);</li>
 *   <li>every read and command on a task of region A by a caller of region B, or by a unit of A that
 *       has nothing to do with the task, is refused with 403 problem+json on both replicas (the rule of
 *       the services' single-instance authorization matrices for another region's office and an
 *       unrelated unit) and stores no event; lists, overdue lists, statistics, the ledger and the
 *       webhooks of such callers show nothing they may not read;</li>
 *   <li>a webhook receives every notification about its unit exactly once, correctly signed, although
 *       both query replicas consume, and the delivery table holds one row per event;</li>
 *   <li>one supervision evaluation started on both replicas at the same moment, on a task overdue by
 *       the moved business clock, issues each notice and changes the light once;</li>
 *   <li>every event in the three event stores is on its Kafka topic exactly once: the stores' publishers
 *       run on one replica at a time (checked before any fault, when nothing excuses a second copy).</li>
 * </ol>
 * It files its own tasks, with units of their own, so that the load that follows is not touched.
 */
public final class ReplicaAgreement {

    /**
     * What the check found. {@code listLeaks}: lists showing a task the caller may not read, or answering
     * other than the rule (403 to an office or leader asking for another region, else 200);
     * {@code webhookDoubled}: posts beyond one per notification of the watched unit (a second post of an
     * event, or a post of an event that is none); {@code publishedNotOnce}: stored events found on their
     * topic twice or not at all (before any fault, so a second copy means two publishers at once). Every
     * count but the tasks, the comparisons, the calls and lists checked, the webhook's events and posts,
     * the notices expected and the events published must be 0.
     */
    public record Outcome(int tasksFiled, int comparisons, int differing, int serverErrors, int refusalsChecked,
                          int notRefused, int eventsChangedByRefusals, int listsChecked, int listLeaks, int ownTasksNotShown,
                          int webhookEvents, int webhookDeliveriesReceived, int webhookDoubled, int webhookMissing,
                          int deliveryRowsNotOne, int badSignatures, int noticesExpected, int noticesNotOnce,
                          int eventsPublished, int publishedNotOnce, Duration took, List<String> problems) {
        public boolean passed() {
            return comparisons > 0 && differing == 0 && serverErrors == 0 && refusalsChecked > 0 && notRefused == 0
                    && eventsChangedByRefusals == 0 && listsChecked > 0 && listLeaks == 0 && ownTasksNotShown == 0
                    && webhookEvents > 0 && webhookDoubled == 0 && webhookMissing == 0 && deliveryRowsNotOne == 0
                    && badSignatures == 0 && noticesExpected > 0 && noticesNotOnce == 0 && eventsPublished > 0
                    && publishedNotOnce == 0;
        }
    }

    static final String REGION_A = LoadGenerator.REGION;
    /** 包头市: another city, whose office, leader and units may read nothing of 呼和浩特市. */
    static final String REGION_B = "150200";
    private static final String REQUESTER_A = "呼和浩特市回民区人民武装部";
    private static final String RESPONSIBLE_A = "呼和浩特市民政局";
    private static final String BYSTANDER_A = "呼和浩特市交通运输局";
    private static final String REQUESTER_B = "包头市昆都仑区人民武装部";
    private static final String RESPONSIBLE_B = "包头市教育局";
    private static final String TITLE = "副本一致性检查 ";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    /** The days the supervision clocks move ahead: the overdue task is then 9 days past its deadline (催办 and 督办 due). */
    private static final int DAYS_AHEAD = 10;
    private static final String CSV = "text/csv";
    private static final int SAMPLES = 25;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<ServiceDefinition, List<URI>> replicas = new LinkedHashMap<>();
    private final DataSource database;
    private final String kafkaBootstrap;
    private final Map<String, Caller> callers = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final LocalDate today = LocalDate.now(ZONE);
    private final LocalDate aheadDay = today.plusDays(DAYS_AHEAD);
    private final int year = today.getYear();
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private int nextReplica;

    private int comparisons;
    private int differing;
    private int serverErrors;
    private int refusalsChecked;
    private int notRefused;
    private int eventsChanged;
    private int listsChecked;
    private int listLeaks;
    private int ownTasksNotShown;

    /** Someone who calls the API: the actor (for the leak checks) and its token. */
    private record Caller(String name, Actor actor, String token) {
    }

    /** A task this check filed. */
    private static final class Task {
        final String name;
        final String id;
        final String region;
        final String title;
        final String requesterUnit;
        String responsibleUnit;

        Task(String name, String id, String region, String title, String requesterUnit) {
            this.name = name;
            this.id = id;
            this.region = region;
            this.title = title;
            this.requesterUnit = requesterUnit;
        }
    }

    /** One answer: status, media type (without parameters), body, and the request it answers. */
    private record Answer(int status, String type, String body, String request) {
        boolean isJson() {
            return type.endsWith("json");
        }
    }

    ReplicaAgreement(StackConfig config, LocalTokens tokens, DataSource database) {
        for (ServiceDefinition service : ServiceDefinition.values()) {
            List<URI> urls = config.baseUrls(service).stream().map(url -> URI.create(url + "/")).toList();
            if (urls.size() < 2) {
                throw new IllegalArgumentException("the agreement check needs two replicas of " + service);
            }
            replicas.put(service, urls.subList(0, 2));
        }
        this.database = database;
        this.kafkaBootstrap = config.kafkaBootstrap();
        add(tokens, "office A", LocalTokens.office(REGION_A));
        add(tokens, "leader A", LocalTokens.leader(REGION_A));
        add(tokens, "requester A", LocalTokens.unit(REQUESTER_A, UnitSide.MILITARY, REGION_A));
        add(tokens, "responsible A", LocalTokens.unit(RESPONSIBLE_A, UnitSide.CIVIL, REGION_A));
        add(tokens, "uninvolved unit A", LocalTokens.unit(BYSTANDER_A, UnitSide.CIVIL, REGION_A));
        add(tokens, "office B", LocalTokens.office(REGION_B));
        add(tokens, "leader B", LocalTokens.leader(REGION_B));
        add(tokens, "requester B", LocalTokens.unit(REQUESTER_B, UnitSide.MILITARY, REGION_B));
        add(tokens, "responsible B", LocalTokens.unit(RESPONSIBLE_B, UnitSide.CIVIL, REGION_B));
    }

    private void add(LocalTokens tokens, String name, Actor actor) {
        callers.put(name, new Caller(name, actor, tokens.mint(actor)));
    }

    Outcome run() throws IOException, InterruptedException {
        long begin = System.nanoTime();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            ObjectNode hook = json(expect2xx(send(query(0), "POST", "api/webhooks", "office A", JSON.createObjectNode()
                    .put("unit", RESPONSIBLE_A).put("url", receiver.url()).toString())));
            String hookId = hook.path("id").asText();
            receiver.secret = hook.path("secret").asText();

            fileTasks();
            int[] notices = superviseAtOnce();
            awaitQueryCaughtUp();
            int[] published = checkPublishedOnce();

            compareReplicas(hookId);
            refuseOutsiders(hookId);
            int[] webhook = checkWebhook(receiver, hookId);
            return new Outcome(tasks.size(), comparisons, differing, serverErrors, refusalsChecked, notRefused, eventsChanged,
                    listsChecked, listLeaks, ownTasksNotShown, webhook[0], webhook[1], webhook[2], webhook[3], webhook[4],
                    webhook[5], notices[0], notices[1], published[0], published[1], Duration.ofNanos(System.nanoTime() - begin),
                    List.copyOf(problems));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // the tasks: five of region A in several states, two of region B

    private void fileTasks() throws IOException, InterruptedException {
        LocalDate later = today.plusDays(60);
        file("A1", "requester A", REGION_A);

        Task a2 = file("A2", "requester A", REGION_A);
        register(a2, "office A", RESPONSIBLE_A, later);

        Task a3 = file("A3", "requester A", REGION_A);
        register(a3, "office A", RESPONSIBLE_A, later);
        claim(a3, "responsible A");
        reportProgress(a3, 30);
        expect2xx(send(progress(), "POST", path(a3, "obstacles"), "responsible A",
                JSON.createObjectNode().put("description", "需规划部门协调").toString()));
        // the office's own 督办单, once supervision has learned the task from Kafka
        await("supervision learns " + a3.id, () -> {
            Answer notice = send(supervision(), "POST", path(a3, "notices"), "office A",
                    JSON.createObjectNode().put("grade", "NOTICE").put("reason", "进度缓慢，予以督办").toString());
            return notice.status() / 100 == 2 ? notice : null;
        });

        Task a4 = file("A4", "requester A", REGION_A);
        register(a4, "office A", RESPONSIBLE_A, today.plusDays(1));
        claim(a4, "responsible A");
        reportProgress(a4, 10);

        Task a5 = file("A5", "requester A", REGION_A);
        register(a5, "office A", RESPONSIBLE_A, later);
        claim(a5, "responsible A");
        reportProgress(a5, 60);
        expect2xx(send(progress(), "POST", path(a5, "completion"), "responsible A", JSON.createObjectNode()
                .put("summary", "已完成全部工作").set("evidenceLinks", JSON.createArrayNode()).toString()));
        expect2xx(send(progress(), "POST", path(a5, "acceptance"), "requester A", null));

        Task b1 = file("B1", "requester B", REGION_B);
        register(b1, "office B", RESPONSIBLE_B, later);
        claim(b1, "responsible B");
        file("B2", "requester B", REGION_B);
    }

    private Task file(String name, String requester, String region) throws IOException, InterruptedException {
        String title = TITLE + name;
        Answer filed = expect2xx(send(registration(), "POST", "api/tasks", requester, JSON.createObjectNode()
                .put("list", "SUPPORT_THE_MILITARY").put("regionCode", region).put("year", year).put("title", title)
                .put("content", "两个副本应给出同样的回答。").put("category", "CAMP_SURROUNDINGS")
                .put("contactName", "王干事").put("contactPhone", "0471-6902157").toString()));
        Task task = new Task(name, json(filed).path("id").asText(), region, title, callers.get(requester).actor().unit());
        tasks.put(name, task);
        return task;
    }

    private void register(Task task, String office, String responsible, LocalDate deadline) throws IOException, InterruptedException {
        expect2xx(send(registration(), "POST", path(task, "registration"), office, JSON.createObjectNode()
                .put("responsibleUnit", responsible).put("deadline", deadline.toString())
                .put("qualityRequirement", "按期完成").toString()));
        task.responsibleUnit = responsible;
    }

    private void claim(Task task, String responsible) throws IOException, InterruptedException {
        expect2xx(send(registration(), "POST", path(task, "claim"), responsible, null));
    }

    /** The first report waits until progress has learned the claim from Kafka (404 or 409 until then). */
    private void reportProgress(Task task, int percent) throws IOException, InterruptedException {
        await("progress learns the claim of " + task.id, () -> {
            Answer report = send(progress(), "POST", path(task, "progress"), "responsible A",
                    JSON.createObjectNode().put("percent", percent).put("narrative", "按计划推进").toString());
            return report.status() / 100 == 2 ? report : null;
        });
    }

    // ---------------------------------------------------------------------------------------------
    // 4. one evaluation on both supervision replicas at once

    /** Answers {notices and light changes expected once, those not stored exactly once}. */
    private int[] superviseAtOnce() throws IOException, InterruptedException {
        Task overdue = tasks.get("A4");
        String deadline = today.plusDays(1).toString();
        await("supervision learns the claim of " + overdue.id, () -> {
            Answer view = send(supervision(), "GET", path(overdue, "supervision"), "office A", null);
            JsonNode body = view.status() == 200 ? JSON.readTree(view.body()) : null;
            return body != null && body.path("supervised").asBoolean() && deadline.equals(body.path("deadline").asText())
                    ? view : null;
        });
        List<URI> supervisors = replicas.get(ServiceDefinition.SUPERVISION);
        Instant ahead = Instant.now().plus(Duration.ofDays(DAYS_AHEAD));
        List<Answer> passes;
        try {
            for (URI replica : supervisors) {
                expect2xx(send(replica, "PUT", "admin/clock", null, JSON.createObjectNode().put("now", ahead.toString()).toString()));
            }
            passes = atOnce(supervisors, "admin/supervision/evaluation");
        } finally {
            for (URI replica : supervisors) {
                expect2xx(send(replica, "DELETE", "admin/clock", null, null));
            }
        }
        // back on today the light turns yellow again (临期), so that nothing about these tasks is left to happen later
        expect2xx(send(supervisors.get(0), "POST", "admin/supervision/evaluation", null, null));

        Map<String, Integer> emitted = new TreeMap<>();
        for (Answer pass : passes) {
            if (pass.status() != 200) {
                problem("supervision evaluation answered " + pass.status() + ": " + pass.body());
                continue;
            }
            for (JsonNode event : JSON.readTree(pass.body()).path("emitted")) {
                if (overdue.id.equals(event.path("taskId").asText())) {
                    emitted.merge(event.path("type").asText() + " " + event.path("grade").asText(event.path("light").asText()), 1,
                            Integer::sum);
                }
            }
        }
        int notOnce = 0;
        Map<String, Integer> stored = supervisionEvents(overdue.id);
        for (String expected : List.of("SupervisionNoticeIssuedEvent REMINDER", "SupervisionNoticeIssuedEvent NOTICE",
                "WarningLightChangedEvent RED")) {
            int count = stored.getOrDefault(expected, 0);
            if (count != 1) {
                notOnce++;
                problem("task " + overdue.id + " (overdue on " + aheadDay + ") has " + expected + " " + count
                        + " times in the supervision event store after two evaluations at once");
            }
        }
        for (var pass : emitted.entrySet()) {
            if (pass.getValue() > 1) {
                notOnce++;
                problem("both evaluations at once answered " + pass.getKey() + " for task " + overdue.id);
            }
        }
        return new int[] {3, notOnce};
    }

    /** The supervision events of a task, as "type grade-or-light" with their counts. */
    private Map<String, Integer> supervisionEvents(String task) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT payloadtype, convert_from(payload, 'UTF8')"
                     + " FROM supervision.domainevententry WHERE aggregateidentifier = ?")) {
            select.setString(1, task);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(1);
                    JsonNode payload = JSON.readTree(rows.getString(2));
                    counts.merge(type.substring(type.lastIndexOf('.') + 1) + " "
                            + payload.path("grade").asText(payload.path("light").asText()), 1, Integer::sum);
                }
            }
        } catch (SQLException e) {
            throw new IOException("reading the supervision events of " + task + ": " + e.getMessage(), e);
        }
        return counts;
    }

    /** Until every event of every task is in the query history on both replicas. */
    private void awaitQueryCaughtUp() throws IOException, InterruptedException {
        for (Task task : tasks.values()) {
            String leader = task.region.equals(REGION_A) ? "leader A" : "leader B";
            for (URI replica : replicas.get(ServiceDefinition.QUERY)) {
                await("the query history of " + task.id + " at " + replica, () -> {
                    int stored = storedEvents(task.id);
                    Answer history = send(replica, "GET", path(task, "history"), leader, null);
                    return history.status() == 200 && JSON.readTree(history.body()).size() == stored ? history : null;
                });
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // the publishers: each stored event on Kafka once

    /** Answers {events stored, events not on their topic exactly once}. */
    private int[] checkPublishedOnce() throws IOException, InterruptedException {
        Set<String> stored = new HashSet<>();
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            for (String schema : List.of("registration", "progress", "supervision")) {
                try (ResultSet rows = sql.executeQuery("SELECT eventidentifier FROM " + schema + ".domainevententry")) {
                    while (rows.next()) {
                        stored.add(rows.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("reading the stored event ids: " + e.getMessage(), e);
        }
        Map<String, Integer> published = new HashMap<>();
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.ALL) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + CATCH_UP.toNanos();
            // every stored event, then on to the end of each partition, so that a later second copy is read too
            Map<TopicPartition, Long> ends = null;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    Header id = record.headers().lastHeader(CloudEventsKafkaBinding.HEADER_ID);
                    published.merge(id == null ? "(no " + CloudEventsKafkaBinding.HEADER_ID + ")"
                            : new String(id.value(), StandardCharsets.UTF_8), 1, Integer::sum);
                }
                if (ends == null && published.keySet().containsAll(stored)) {
                    ends = consumer.endOffsets(partitions);
                }
                if (ends != null && ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    break;
                }
            }
        }
        int notOnce = 0;
        for (String id : stored) {
            int copies = published.getOrDefault(id, 0);
            if (copies != 1) {
                notOnce++;
                problem("stored event " + id + " is " + copies + " times on Kafka");
            }
        }
        return new int[] {stored.size(), notOnce};
    }

    // ---------------------------------------------------------------------------------------------
    // 1. the same question to both replicas

    private void compareReplicas(String hookId) throws IOException, InterruptedException {
        String asOf = "&asOf=" + aheadDay;
        List<String> queries = new ArrayList<>(List.of(
                "api/tasks?size=500&year=" + year,
                "api/tasks?region=" + REGION_A + "&size=500&year=" + year + "&list=SUPPORT_THE_MILITARY",
                "api/tasks?responsibleUnit=" + encode(RESPONSIBLE_A) + "&size=100&sort=title,asc",
                "api/tasks?status=CLAIMED&size=100&sort=deadline,asc",
                "api/tasks?requesterUnit=" + encode(REQUESTER_A) + "&category=CAMP_SURROUNDINGS&size=100",
                "api/tasks/overdue?size=500",
                "api/tasks/overdue?size=500&sort=grade" + asOf,
                "api/tasks/overdue?region=" + REGION_A + "&grade=NOTICE" + asOf,
                "api/stats?year=" + year,
                "api/stats?region=" + REGION_A + "&year=" + year + asOf,
                "api/webhooks",
                "api/webhooks/" + hookId + "/deliveries"));
        for (Task task : tasks.values()) {
            queries.add(path(task, ""));
            queries.add(path(task, "history"));
        }
        List<String> ledgers = List.of("api/ledger?year=" + year, "api/ledger?year=" + year + asOf);
        for (String caller : List.of("office A", "leader A", "responsible A", "uninvolved unit A", "office B")) {
            for (String query : queries) {
                compare(ServiceDefinition.QUERY, query, caller, null);
            }
            for (String ledger : ledgers) {
                compare(ServiceDefinition.QUERY, ledger, caller, CSV);
            }
            for (Task task : tasks.values()) {
                compare(ServiceDefinition.REGISTRATION, path(task, ""), caller, null);
                compare(ServiceDefinition.SUPERVISION, path(task, "supervision"), caller, null);
            }
        }
    }

    /**
     * Asks both replicas; a difference counts only when it persists over a few tries, since the
     * supervision schedule may change a task between the two answers. Nothing is left out of the
     * comparison: the replicas read one database, so every field, the order included, must agree.
     */
    private void compare(ServiceDefinition service, String path, String caller, String accept) throws IOException, InterruptedException {
        comparisons++;
        List<URI> pair = replicas.get(service);
        String difference = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            Answer first = get(pair.get(0), path, caller, accept);
            Answer second = get(pair.get(1), path, caller, accept);
            if (first.status() >= 500 || second.status() >= 500) {
                serverErrors++;
                problem(service + " GET " + path + " as " + caller + " answered " + first.status() + " / " + second.status()
                        + ": " + abbreviate(first.status() >= 500 ? first.body() : second.body()));
                return;
            }
            difference = difference(first, second);
            if (difference == null) {
                return;
            }
            Thread.sleep(300);
        }
        differing++;
        problem(service + " GET " + path + " as " + caller + ": replica 1 and 2 differ: " + difference);
    }

    private static String difference(Answer first, Answer second) throws IOException {
        if (first.status() != second.status()) {
            return "status " + first.status() + " / " + second.status();
        }
        if (!first.type().equals(second.type())) {
            return "type " + first.type() + " / " + second.type();
        }
        if (first.isJson()) {
            JsonNode one = JSON.readTree(first.body());
            JsonNode two = JSON.readTree(second.body());
            return one.equals(two) ? null : firstDifference("", one, two);
        }
        return first.body().equals(second.body()) ? null : "bodies differ: " + abbreviate(first.body()) + " / " + abbreviate(second.body());
    }

    private static String firstDifference(String where, JsonNode one, JsonNode two) {
        if (one.isContainerNode() && two.isContainerNode() && one.getNodeType() == two.getNodeType() && one.size() == two.size()) {
            if (one.isArray()) {
                for (int i = 0; i < one.size(); i++) {
                    if (!one.get(i).equals(two.get(i))) {
                        return firstDifference(where + "[" + i + "]", one.get(i), two.get(i));
                    }
                }
            } else {
                for (Map.Entry<String, JsonNode> field : one.properties()) {
                    if (!field.getValue().equals(two.path(field.getKey()))) {
                        return firstDifference(where + "." + field.getKey(), field.getValue(), two.path(field.getKey()));
                    }
                }
            }
        }
        return (where.isEmpty() ? "body" : where) + ": " + abbreviate(one.toString()) + " / " + abbreviate(two.toString());
    }

    // ---------------------------------------------------------------------------------------------
    // 2. callers of another region, and an uninvolved unit, on both replicas

    /** The callers who may neither read nor change the tasks of region A's units. */
    private static final List<String> OUTSIDERS = List.of("office B", "leader B", "requester B", "responsible B", "uninvolved unit A");

    private void refuseOutsiders(String hookId) throws IOException, InterruptedException {
        Task task = tasks.get("A3");
        String obstacle = openObstacle(task);
        String notice = noticeOf(task);
        String later = today.plusDays(90).toString();
        Map<ServiceDefinition, Map<String, String>> commands = new LinkedHashMap<>();
        Map<String, String> registration = new LinkedHashMap<>();
        registration.put("GET ", null);
        registration.put("POST registration", JSON.createObjectNode().put("responsibleUnit", BYSTANDER_A)
                .put("deadline", later).put("qualityRequirement", "按期完成").toString());
        registration.put("POST decline", reason("不属于职责范围"));
        registration.put("POST claim", null);
        registration.put("POST return", reason("不属于本单位职责"));
        registration.put("POST reassignment", JSON.createObjectNode().put("responsibleUnit", BYSTANDER_A).toString());
        registration.put("POST withdrawal", reason("已自行解决"));
        registration.put("POST extension-request", JSON.createObjectNode().put("requestedDeadline", later).put("reason", "需要协调").toString());
        registration.put("POST extension-approval", null);
        registration.put("POST extension-refusal", reason("理由不充分"));
        registration.put("POST amendment", JSON.createObjectNode().put("content", "改为其他内容").put("reason", "补充").toString());
        registration.put("POST closing", JSON.createObjectNode().put("note", "验收合格").toString());
        registration.put("POST reopening", reason("验收后发现遗漏"));
        commands.put(ServiceDefinition.REGISTRATION, registration);
        Map<String, String> progress = new LinkedHashMap<>();
        progress.put("POST progress", JSON.createObjectNode().put("percent", 50).put("narrative", "过半").toString());
        progress.put("POST obstacles", JSON.createObjectNode().put("description", "需协调").toString());
        progress.put("POST obstacles/" + obstacle + "/resolution", JSON.createObjectNode().put("resolution", "已协调").toString());
        progress.put("POST completion", JSON.createObjectNode().put("summary", "已完工").set("evidenceLinks", JSON.createArrayNode()).toString());
        progress.put("POST acceptance", null);
        progress.put("POST rejection", JSON.createObjectNode().put("reasons", "质量不达标").toString());
        progress.put("POST rating", JSON.createObjectNode().put("score", 4).put("comment", "满意").toString());
        commands.put(ServiceDefinition.PROGRESS, progress);
        Map<String, String> supervision = new LinkedHashMap<>();
        supervision.put("GET supervision", null);
        supervision.put("POST notices", JSON.createObjectNode().put("grade", "SPECIAL").put("reason", "专题督办").toString());
        supervision.put("POST notices/" + notice + "/response", JSON.createObjectNode().put("response", "已整改").toString());
        supervision.put("POST audits", JSON.createObjectNode().put("outcome", "PASSED").toString());
        commands.put(ServiceDefinition.SUPERVISION, supervision);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("GET ", null);
        query.put("GET history", null);
        commands.put(ServiceDefinition.QUERY, query);

        int eventsBefore = storedEvents(task.id);
        for (String caller : OUTSIDERS) {
            for (var service : commands.entrySet()) {
                for (var command : service.getValue().entrySet()) {
                    String[] methodAndStep = command.getKey().split(" ", 2);
                    for (URI replica : replicas.get(service.getKey())) {
                        refusalsChecked++;
                        Answer answer = send(replica, methodAndStep[0], path(task, methodAndStep[1]), caller, command.getValue());
                        if (answer.status() != 403 || !answer.type().equals("application/problem+json")) {
                            notRefused++;
                            problem(service.getKey() + " " + command.getKey() + " of " + task.id + " (region " + REGION_A + ") by "
                                    + caller + " at " + replica + ": " + answer.status() + " " + abbreviate(answer.body()));
                        }
                    }
                }
            }
        }
        int eventsAfter = storedEvents(task.id);
        if (eventsAfter != eventsBefore) {
            eventsChanged += eventsAfter - eventsBefore;
            problem("the refused calls changed task " + task.id + ": " + eventsBefore + " events before, " + eventsAfter + " after");
        }
        checkLists(hookId);
    }

    private String openObstacle(Task task) throws IOException {
        return column("SELECT convert_from(payload, 'UTF8') FROM progress.domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype LIKE '%.ObstacleRaisedEvent'", task.id, "obstacleId");
    }

    private String noticeOf(Task task) throws IOException {
        return column("SELECT convert_from(payload, 'UTF8') FROM supervision.domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype LIKE '%.SupervisionNoticeIssuedEvent'", task.id, "noticeId");
    }

    /** A field of the first event the query finds. */
    private String column(String sql, String task, String field) throws IOException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, task);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new IOException("no event for " + sql + " of " + task);
                }
                return JSON.readTree(rows.getString(1)).path(field).asText();
            }
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Lists, overdue lists, statistics, ledgers and webhooks of outsiders: 200 without a task they may not read, or 403. */
    private void checkLists(String hookId) throws IOException, InterruptedException {
        String asOf = "&asOf=" + aheadDay;
        for (String name : OUTSIDERS) {
            Caller caller = callers.get(name);
            boolean unit = caller.actor().role() == ActorRole.UNIT;
            boolean office = caller.actor().role() == ActorRole.OFFICE;
            for (URI replica : replicas.get(ServiceDefinition.QUERY)) {
                List<String> own = new ArrayList<>();
                for (Task task : tasks.values()) {
                    if (mayRead(caller.actor(), task)) {
                        own.add(task.id);
                    }
                }
                checkItems(replica, caller, "api/tasks?size=500&year=" + year, "items", own);
                checkItems(replica, caller, "api/tasks/overdue?size=500" + asOf, "items", List.of());
                checkItems(replica, caller, "api/tasks?size=500&region=" + REGION_A, unit ? "items" : null, List.of());
                checkItems(replica, caller, "api/tasks/overdue?size=500&region=" + REGION_A + asOf, unit ? "items" : null, List.of());

                Answer stats = get(replica, "api/stats?year=" + year, name, null);
                listsChecked++;
                if (expectStatus(stats, 200, replica, "api/stats", name)) {
                    for (JsonNode row : JSON.readTree(stats.body()).path("byResponsibleUnit")) {
                        if (RESPONSIBLE_A.equals(row.path("key").asText())) {
                            leak("api/stats", name, replica, "counts the tasks of " + RESPONSIBLE_A);
                        }
                    }
                }
                Answer ledger = get(replica, "api/ledger?year=" + year, name, CSV);
                listsChecked++;
                if (expectStatus(ledger, 200, replica, "api/ledger", name)) {
                    for (Task task : tasks.values()) {
                        if (!mayRead(caller.actor(), task) && ledger.body().contains(task.title)) {
                            leak("api/ledger", name, replica, "shows " + task.title);
                        }
                    }
                    if (!unit && ledger.body().contains("," + REGION_A)) {
                        leak("api/ledger", name, replica, "has rows of region " + REGION_A);
                    }
                }
                Answer hooks = get(replica, "api/webhooks", name, null);
                listsChecked++;
                if (expectStatus(hooks, office ? 200 : 403, replica, "api/webhooks", name) && hooks.body().contains(hookId)) {
                    leak("api/webhooks", name, replica, "shows the webhook of region " + REGION_A);
                }
                Answer deliveries = get(replica, "api/webhooks/" + hookId + "/deliveries", name, null);
                listsChecked++;
                expectStatus(deliveries, office ? 404 : 403, replica, "api/webhooks/{id}/deliveries", name);
            }
        }
    }

    /**
     * A list asked by an outsider: 403 when {@code itemsField} is null (an office or leader asking for
     * another region is refused, not shown an empty list), else 200 with every item readable by the
     * caller and all of {@code mustShow} (their own tasks: the list is not merely empty).
     */
    private void checkItems(URI replica, Caller caller, String path, String itemsField, List<String> mustShow)
            throws IOException, InterruptedException {
        listsChecked++;
        Answer answer = get(replica, path, caller.name(), null);
        if (!expectStatus(answer, itemsField == null ? 403 : 200, replica, path, caller.name()) || itemsField == null) {
            return;
        }
        List<String> shown = new ArrayList<>();
        for (JsonNode item : JSON.readTree(answer.body()).path(itemsField)) {
            shown.add(item.path("id").asText());
            List<String> coUnits = new ArrayList<>();
            item.path("coUnits").forEach(co -> coUnits.add(co.asText()));
            if (!mayRead(caller.actor(), item.path("regionCode").asText(), item.path("requesterUnit").asText(null),
                    item.path("responsibleUnit").asText(null), coUnits)) {
                leak(path, caller.name(), replica, "shows task " + item.path("id").asText() + " of region "
                        + item.path("regionCode").asText() + " (" + item.path("requesterUnit").asText() + " / "
                        + item.path("responsibleUnit").asText() + ")");
            }
        }
        for (String id : mustShow) {
            if (!shown.contains(id)) {
                ownTasksNotShown++;
                problem(path + " as " + caller.name() + " at " + replica + " does not show its own task " + id);
            }
        }
    }

    private boolean expectStatus(Answer answer, int expected, URI replica, String path, String caller) {
        if (answer.status() == expected) {
            return true;
        }
        if (answer.status() >= 500) {
            serverErrors++;
        } else {
            listLeaks++;
        }
        problem("GET " + path + " as " + caller + " at " + replica + ": " + answer.status() + " (expected " + expected + ") "
                + abbreviate(answer.body()));
        return false;
    }

    private void leak(String path, String caller, URI replica, String what) {
        listLeaks++;
        problem("GET " + path + " as " + caller + " at " + replica + " " + what);
    }

    private static boolean mayRead(Actor actor, Task task) {
        return mayRead(actor, task.region, task.requesterUnit, task.responsibleUnit, List.of());
    }

    /** The services' rule (ReadAccess): a unit reads what it requested or is (co-)responsible for, others their region. */
    private static boolean mayRead(Actor actor, String region, String requester, String responsible, List<String> coUnits) {
        if (actor.role() == ActorRole.UNIT) {
            return actor.unit().equals(requester) || actor.unit().equals(responsible) || coUnits.contains(actor.unit());
        }
        return RegionCode.covers(actor.region(), region);
    }

    // ---------------------------------------------------------------------------------------------
    // 3. webhook deliveries

    /** Answers {events, deliveries received, doubled, missing, delivery rows not exactly one, bad signatures}. */
    private int[] checkWebhook(WebhookReceiver receiver, String hookId) throws IOException, InterruptedException {
        Set<String> expected = await("every notification of " + RESPONSIBLE_A + " at the webhook", () -> {
            Set<String> events = notificationEvents();
            return receiver.eventIds().containsAll(events) ? events : null;
        });
        Thread.sleep(3_000); // a second delivery of an event would come within the dispatcher's next ticks
        List<WebhookReceiver.Received> received = List.copyOf(receiver.received);
        Map<String, Integer> byEvent = new HashMap<>();
        Map<String, Integer> byDelivery = new HashMap<>();
        int badSignatures = 0;
        for (WebhookReceiver.Received delivery : received) {
            byEvent.merge(delivery.eventId(), 1, Integer::sum);
            byDelivery.merge(delivery.deliveryId(), 1, Integer::sum);
            if (!delivery.signedCorrectly()) {
                badSignatures++;
                problem("webhook delivery " + delivery.deliveryId() + " of event " + delivery.eventId() + " is not signed with the secret");
            }
        }
        int doubled = 0;
        int missing = 0;
        for (var event : byEvent.entrySet()) {
            if (event.getValue() > 1) {
                doubled += event.getValue() - 1;
                problem("the webhook received event " + event.getKey() + " " + event.getValue() + " times");
            }
        }
        for (var delivery : byDelivery.entrySet()) {
            if (delivery.getValue() > 1) {
                problem("the webhook received delivery " + delivery.getKey() + " " + delivery.getValue() + " times");
            }
        }
        Set<String> unexpected = new TreeSet<>(byEvent.keySet());
        unexpected.removeAll(notificationEvents());
        if (!unexpected.isEmpty()) {
            doubled += unexpected.size();
            problem("the webhook received events that are no notification of its unit: " + unexpected);
        }
        for (String event : expected) {
            if (!byEvent.containsKey(event)) {
                missing++;
            }
        }
        int rowsNotOne = 0;
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT event_id, count(*), min(status), max(status)"
                     + " FROM query.webhook_delivery WHERE webhook_id = ?::uuid GROUP BY event_id")) {
            select.setString(1, hookId);
            Map<String, String> rows = new HashMap<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getInt(2) + " " + result.getString(3) + "/" + result.getString(4));
                }
            }
            for (String event : expected) {
                String row = rows.get(event);
                if (!"1 DELIVERED/DELIVERED".equals(row)) {
                    rowsNotOne++;
                    problem("webhook_delivery of event " + event + ": " + (row == null ? "no row" : row));
                }
            }
            if (rows.size() != expected.size()) {
                rowsNotOne += Math.abs(rows.size() - expected.size());
                problem("webhook_delivery holds " + rows.size() + " events, the stores " + expected.size());
            }
        } catch (SQLException e) {
            throw new IOException("reading the webhook deliveries: " + e.getMessage(), e);
        }
        return new int[] {expected.size(), received.size(), doubled, missing, rowsNotOne, badSignatures};
    }

    /**
     * The stored events the query service turns into notifications, for the tasks whose responsible
     * unit is the webhook's: their ids are the notifications' ids.
     */
    private Set<String> notificationEvents() throws IOException {
        List<String> watched = tasks.values().stream().filter(task -> RESPONSIBLE_A.equals(task.responsibleUnit))
                .map(task -> task.id).toList();
        Set<String> events = new TreeSet<>();
        try (Connection connection = database.getConnection()) {
            for (String schema : List.of("registration", "progress", "supervision")) {
                try (PreparedStatement select = connection.prepareStatement("SELECT eventidentifier, payloadtype FROM " + schema
                        + ".domainevententry WHERE aggregateidentifier = ANY (?)")) {
                    select.setArray(1, connection.createArrayOf("varchar", watched.toArray()));
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            String type = rows.getString(2);
                            if (NOTIFYING.contains(type.substring(type.lastIndexOf('.') + 1))) {
                                events.add(rows.getString(1));
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("reading the notifying events: " + e.getMessage(), e);
        }
        return events;
    }

    /** The events NotificationProjection notifies of (and so posts to webhooks). */
    private static final Set<String> NOTIFYING = Set.of("TaskRegisteredEvent", "TaskReassignedEvent", "TaskReturnedEvent",
            "ExtensionApprovedEvent", "ExtensionRefusedEvent", "WarningLightChangedEvent", "SupervisionNoticeIssuedEvent",
            "CompletionReportedEvent");

    /** A receiver of webhook posts on 127.0.0.1, which notes each post and checks its signature. */
    private static final class WebhookReceiver implements AutoCloseable {

        record Received(String deliveryId, String eventId, boolean signedCorrectly) {
        }

        private final HttpServer server;
        private final List<Received> received = new CopyOnWriteArrayList<>();
        private volatile String secret;

        private WebhookReceiver(HttpServer server) {
            this.server = server;
        }

        static WebhookReceiver start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/hook", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    String timestamp = exchange.getRequestHeaders().getFirst("X-DualList-Timestamp");
                    String signature = exchange.getRequestHeaders().getFirst("X-DualList-Signature");
                    boolean signed = receiver.secret != null && timestamp != null && signature != null
                            && MessageDigest.isEqual(("sha256=" + sign(receiver.secret, timestamp, body)).getBytes(StandardCharsets.UTF_8),
                                    signature.getBytes(StandardCharsets.UTF_8));
                    receiver.received.add(new Received(exchange.getRequestHeaders().getFirst("X-DualList-Delivery"),
                            JSON.readTree(body).path("id").asText(), signed));
                    exchange.sendResponseHeaders(204, -1);
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return receiver;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        Set<String> eventIds() {
            Set<String> ids = new HashSet<>();
            received.forEach(r -> ids.add(r.eventId()));
            return ids;
        }

        private static String sign(String secret, String timestamp, String body) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // plumbing

    private int storedEvents(String task) throws IOException {
        try (Connection connection = database.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT (SELECT count(*) FROM registration.domainevententry"
                     + " WHERE aggregateidentifier = ?) + (SELECT count(*) FROM progress.domainevententry WHERE aggregateidentifier = ?)"
                     + " + (SELECT count(*) FROM supervision.domainevententry WHERE aggregateidentifier = ?)")) {
            for (int i = 1; i <= 3; i++) {
                count.setString(i, task);
            }
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IOException("counting the events of " + task + ": " + e.getMessage(), e);
        }
    }

    /** The next replica of a service in turn, so that the commands go to both. */
    private URI next(ServiceDefinition service) {
        return replicas.get(service).get(nextReplica++ % 2);
    }

    private URI registration() {
        return next(ServiceDefinition.REGISTRATION);
    }

    private URI progress() {
        return next(ServiceDefinition.PROGRESS);
    }

    private URI supervision() {
        return next(ServiceDefinition.SUPERVISION);
    }

    private URI query(int replica) {
        return replicas.get(ServiceDefinition.QUERY).get(replica);
    }

    private static String path(Task task, String step) {
        return "api/tasks/" + task.id + (step.isEmpty() ? "" : "/" + step);
    }

    private static String reason(String reason) {
        return JSON.createObjectNode().put("reason", reason).toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Answer get(URI replica, String path, String caller, String accept) throws IOException, InterruptedException {
        return send(replica, "GET", path, caller, null, accept);
    }

    private Answer send(URI service, String method, String path, String caller, String body) throws IOException, InterruptedException {
        return send(service, method, path, caller, body, null);
    }

    private Answer send(URI service, String method, String path, String caller, String body, String accept)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", accept != null ? accept : "application/json, application/problem+json");
        if (caller != null) {
            request.header("Authorization", "Bearer " + callers.get(caller).token());
        }
        if (!method.equals("GET")) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
        return new Answer(response.statusCode(), type, response.body(), method + " " + service.resolve(path)
                + (caller == null ? "" : " as " + caller));
    }

    /** The same POST to both replicas, released together. */
    private List<Answer> atOnce(List<URI> pair, String path) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (URI replica : pair) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return send(replica, "POST", path, null, null);
                } catch (IOException e) {
                    return new Answer(-1, "", e.toString(), "POST " + replica.resolve(path));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Answer(-1, "", "interrupted", "POST " + replica.resolve(path));
                }
            }));
        }
        go.countDown();
        List<Answer> result = new ArrayList<>();
        for (CompletableFuture<Answer> answer : answers) {
            result.add(answer.join());
        }
        return result;
    }

    private interface Attempt<T> {
        /** The result, or null to try again. */
        T attempt() throws IOException, InterruptedException;
    }

    private static <T> T await(String what, Attempt<T> attempt) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (true) {
            T result = attempt.attempt();
            if (result != null) {
                return result;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("waited " + CATCH_UP.toSeconds() + " s in vain for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static Answer expect2xx(Answer answer) throws IOException {
        if (answer.status() / 100 != 2) {
            throw new IOException(answer.request() + " answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    private static ObjectNode json(Answer answer) throws IOException {
        return (ObjectNode) JSON.readTree(answer.body());
    }

    private void problem(String text) {
        if (problems.size() < SAMPLES) {
            problems.add(text);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
