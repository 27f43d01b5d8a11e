package org.duallist.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.Topics;
import org.duallist.identity.TokenClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every Kustomize overlay under {@code deploy/k8s/overlays} with {@code kubectl kustomize} and
 * checks what a province's operators rely on: probes, resources and pinned images of every service,
 * a KafkaTopic for every topic of the contracts with the partitions and retention the services expect,
 * a Kafka and a PostgreSQL cluster with backups, replicas and disruption budgets in the province, and no
 * credential in any manifest. Without kubectl the test fails: an unchecked overlay is not a checked one.
 */
class KustomizeOverlaysTest {

    private static final Path REPO = repositoryRoot();
    private static final Path K8S = REPO.resolve("deploy/k8s");
    private static final List<String> SERVICES = List.of("registration", "progress", "supervision", "query");
    /** The partitions a service gives a topic it creates (TopicProvisioner's default, DUAL_LIST_KAFKA_PARTITIONS). */
    private static final int SERVICE_PARTITIONS = 6;
    /**
     * The rule for Secrets in the manifests: a value is either absent (the Secret is created outside the
     * repository, by create-secrets.sh) or this marker, which no one mistakes for a credential.
     */
    private static final String PLACEHOLDER = "CHANGE-ME";
    private static final Map<Path, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();
    private static final ObjectMapper YAML = new YAMLMapper();

    static Stream<Path> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml"))).sorted().toList().stream();
        }
    }

    @Test
    void theOverlaysAreASmallOneAndAProvince() throws IOException {
        assertThat(overlays().map(dir -> dir.getFileName().toString())).contains("small", "province");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServiceRunsWithProbesResourcesAPinnedImageAndNotAsRoot(Path overlay) {
        List<JsonNode> deployments = ofKind(overlay, "Deployment");
        assertThat(deployments).extracting(d -> d.at("/metadata/name").asText()).containsAll(SERVICES);
        for (JsonNode deployment : deployments) {
            String name = deployment.at("/metadata/name").asText();
            JsonNode pod = deployment.at("/spec/template/spec");
            JsonNode containers = pod.path("containers");
            assertThat(containers.size()).as(name + " containers").isPositive();
            for (JsonNode container : containers) {
                String where = name + "/" + container.path("name").asText();
                assertThat(container.at("/readinessProbe/httpGet/path").asText()).as(where + " readiness probe").isEqualTo("/q/health/ready");
                assertThat(container.at("/livenessProbe/httpGet/path").asText()).as(where + " liveness probe").isEqualTo("/q/health/live");
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertThat(container.at("/resources/" + bound + "/" + resource).asText())
                                .as(where + " resources." + bound + "." + resource).isNotBlank();
                    }
                }
                assertPinned(where, container.path("image").asText());
                boolean nonRoot = container.at("/securityContext/runAsNonRoot").asBoolean(false)
                        || pod.at("/securityContext/runAsNonRoot").asBoolean(false);
                assertThat(nonRoot).as(where + " runAsNonRoot").isTrue();
                assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true))
                        .as(where + " allowPrivilegeEscalation").isFalse();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServiceUsesItsOwnSchemaRolesAndConsumerGroupAndNeverAnAdjustableClock(Path overlay) {
        for (String service : SERVICES) {
            Map<String, String> env = environment(overlay, one(overlay, "Deployment", service));
            assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL")).as(service + " datasource")
                    .startsWith("jdbc:postgresql://").endsWith("/duallist?currentSchema=" + service);
            assertThat(env.get("QUARKUS_DATASOURCE_USERNAME")).as(service + " role").isEqualTo("secret:dual-list-db-" + service + "/username");
            assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD")).isEqualTo("secret:dual-list-db-" + service + "/password");
            assertThat(env.get("QUARKUS_FLYWAY_USERNAME")).as(service + " owner role")
                    .isEqualTo("secret:dual-list-db-" + service + "-owner/username");
            assertThat(env.get("QUARKUS_FLYWAY_PASSWORD")).isEqualTo("secret:dual-list-db-" + service + "-owner/password");
            assertThat(env.get("DUAL_LIST_CONSUMER_GROUP_ID")).isEqualTo("dual-list." + service);
            assertThat(env).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER");
            assertThat(env.get("MP_JWT_VERIFY_AUDIENCES")).isEqualTo(TokenClaims.AUDIENCE);
            assertThat(env.getOrDefault("DUAL_LIST_CLOCK_ADJUSTABLE", "false")).as(service + " business clock").isEqualTo("false");
            assertThat(env.get("DUAL_LIST_KAFKA_PARTITIONS")).isEqualTo(Integer.toString(SERVICE_PARTITIONS));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyTopicOfTheContractsIsAKafkaTopicWithThePartitionsAndRetentionTheServicesExpect(Path overlay) {
        JsonNode kafka = single(overlay, "Kafka");
        String cluster = kafka.at("/metadata/name").asText();
        Map<String, JsonNode> topics = new LinkedHashMap<>();
        for (JsonNode topic : ofKind(overlay, "KafkaTopic")) {
            String name = topic.at("/spec/topicName").asText(topic.at("/metadata/name").asText());
            assertThat(topics.put(name, topic)).as("a second KafkaTopic for " + name).isNull();
        }
        assertThat(topics.keySet()).as("KafkaTopic names against Topics.ALL").containsExactlyInAnyOrderElementsOf(Topics.ALL);
        int replicationFactor = Integer.parseInt(config(overlay).get("DUAL_LIST_KAFKA_REPLICATION_FACTOR"));
        for (Map.Entry<String, JsonNode> entry : topics.entrySet()) {
            JsonNode topic = entry.getValue();
            String name = entry.getKey();
            assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText()).as(name + " cluster").isEqualTo(cluster);
            assertThat(topic.at("/spec/partitions").asInt()).as(name + " partitions").isEqualTo(SERVICE_PARTITIONS);
            assertThat(topic.at("/spec/config/retention.ms").asText()).as(name + " retention.ms").isEqualTo("-1");
            assertThat(topic.at("/spec/config/retention.bytes").asText()).as(name + " retention.bytes").isEqualTo("-1");
            assertThat(topic.at("/spec/replicas").asInt()).as(name + " replicas = the services' DUAL_LIST_KAFKA_REPLICATION_FACTOR")
                    .isEqualTo(replicationFactor);
        }
        assertThat(brokers(overlay, cluster)).as("brokers for replication factor " + replicationFactor).isGreaterThanOrEqualTo(replicationFactor);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kafkaRunsInKraftModeOnNodePoolsWithControllersAndBrokers(Path overlay) {
        JsonNode kafka = single(overlay, "Kafka");
        String cluster = kafka.at("/metadata/name").asText();
        assertThat(kafka.at("/metadata/annotations/strimzi.io~1kraft").asText()).isEqualTo("enabled");
        assertThat(kafka.at("/metadata/annotations/strimzi.io~1node-pools").asText()).isEqualTo("enabled");
        assertThat(kafka.at("/spec/zookeeper").isMissingNode()).as("no ZooKeeper").isTrue();
        assertThat(kafka.at("/spec/kafka/config/auto.create.topics.enable").asText()).isEqualTo("false");
        Set<String> roles = new HashSet<>();
        for (JsonNode pool : ofKind(overlay, "KafkaNodePool")) {
            if (cluster.equals(pool.at("/metadata/labels/strimzi.io~1cluster").asText())) {
                assertThat(pool.at("/spec/replicas").asInt()).isPositive();
                pool.at("/spec/roles").forEach(role -> roles.add(role.asText()));
            }
        }
        assertThat(roles).containsExactlyInAnyOrder("controller", "broker");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void postgresIsACloudNativePgClusterOfVersion17WithTheServicesRolesAndBackups(Path overlay) {
        JsonNode cluster = single(overlay, "Cluster");
        String name = cluster.at("/metadata/name").asText();
        assertPinned(name, cluster.at("/spec/imageName").asText());
        assertThat(cluster.at("/spec/imageName").asText()).as("PostgreSQL major").matches(".*/postgresql:17\\.[0-9]+.*");
        assertThat(cluster.at("/spec/bootstrap/initdb/database").asText()).isEqualTo("duallist");

        Map<String, String> roleSecrets = new HashMap<>();
        for (JsonNode role : cluster.at("/spec/managed/roles")) {
            assertThat(role.path("login").asBoolean()).as(role.path("name").asText() + " login").isTrue();
            roleSecrets.put(role.path("name").asText(), role.at("/passwordSecret/name").asText());
        }
        for (String service : SERVICES) {
            assertThat(roleSecrets).containsEntry(service, "dual-list-db-" + service)
                    .containsEntry(service + "_owner", "dual-list-db-" + service + "-owner");
        }
        // The schemas and their owners come from the init script, which must reach the database
        String initScript = initScript(overlay, cluster);
        for (String service : SERVICES) {
            assertThat(initScript).contains("'" + service + "'");
        }
        assertThat(initScript).contains("CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I");

        // Backups: WAL archived continuously (Barman Cloud plugin into an ObjectStore, or the in-tree
        // barmanObjectStore) and base backups on a schedule
        boolean archivedByPlugin = false;
        for (JsonNode plugin : cluster.at("/spec/plugins")) {
            if (plugin.path("isWALArchiver").asBoolean()) {
                String store = plugin.at("/parameters/barmanObjectName").asText();
                assertThat(one(overlay, "ObjectStore", store).at("/spec/configuration/destinationPath").asText())
                        .as("ObjectStore " + store).isNotBlank();
                archivedByPlugin = true;
            }
        }
        assertThat(archivedByPlugin || !cluster.at("/spec/backup/barmanObjectStore/destinationPath").asText().isBlank())
                .as("WAL archive configured").isTrue();
        assertThat(ofKind(overlay, "ScheduledBackup")).as("a ScheduledBackup of " + name)
                .anySatisfy(backup -> {
                    assertThat(backup.at("/spec/cluster/name").asText()).isEqualTo(name);
                    assertThat(backup.at("/spec/schedule").asText()).isNotBlank();
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void noManifestHoldsACredentialAndCreateSecretsMakesEverySecretTheyName(Path overlay) throws Exception {
        for (JsonNode secret : ofKind(overlay, "Secret")) {
            String name = secret.at("/metadata/name").asText();
            secret.path("stringData").properties().forEach(value ->
                    assertThat(value.getValue().asText()).as(name + "." + value.getKey()).contains(PLACEHOLDER));
            secret.path("data").properties().forEach(value ->
                    assertThat(new String(Base64.getDecoder().decode(value.getValue().asText()), StandardCharsets.UTF_8))
                            .as(name + "." + value.getKey()).contains(PLACEHOLDER));
        }
        Map<String, Set<String>> wanted = referencedSecrets(overlay);
        assertThat(wanted).isNotEmpty();
        Map<String, JsonNode> created = secretsOfCreateSecrets();
        for (Map.Entry<String, Set<String>> reference : wanted.entrySet()) {
            JsonNode secret = created.get(reference.getKey());
            assertThat(secret).as("create-secrets.sh makes " + reference.getKey()).isNotNull();
            assertThat(secret.path("data").properties().stream().map(Map.Entry::getKey).toList())
                    .as(reference.getKey() + " keys").containsAll(reference.getValue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void replicasMatchTheOverlay(Path overlay) {
        boolean province = overlay.getFileName().toString().equals("province");
        for (String service : SERVICES) {
            JsonNode deployment = one(overlay, "Deployment", service);
            int replicas = deployment.at("/spec/replicas").asInt(1);
            if (!province) {
                continue;
            }
            assertThat(replicas).as(service + " replicas").isGreaterThanOrEqualTo(2);
            JsonNode labels = deployment.at("/spec/template/metadata/labels");
            assertThat(ofKind(overlay, "PodDisruptionBudget")).as("a PodDisruptionBudget for " + service)
                    .anySatisfy(pdb -> {
                        JsonNode selector = pdb.at("/spec/selector/matchLabels");
                        assertThat(selector.isEmpty()).isFalse();
                        selector.properties().forEach(label ->
                                assertThat(labels.path(label.getKey()).asText()).isEqualTo(label.getValue().asText()));
                        int allowed = pdb.at("/spec/maxUnavailable").isMissingNode()
                                ? replicas - pdb.at("/spec/minAvailable").asInt()
                                : pdb.at("/spec/maxUnavailable").asInt();
                        assertThat(allowed).as("replicas one may drain").isBetween(1, replicas - 1);
                    });
        }
        if (province) {
            assertThat(single(overlay, "Cluster").at("/spec/instances").asInt()).as("PostgreSQL instances").isGreaterThanOrEqualTo(3);
            assertThat(Integer.parseInt(config(overlay).get("DUAL_LIST_KAFKA_REPLICATION_FACTOR"))).isEqualTo(3);
        } else {
            assertThat(ofKind(overlay, "Deployment")).allSatisfy(d -> assertThat(d.at("/spec/replicas").asInt(1)).isEqualTo(1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theServicesTrustTheKeycloakRealmThatShipsBesideThem(Path overlay) throws IOException {
        JsonNode realm = new ObjectMapper().readTree(K8S.resolve("keycloak/dual-list-realm.json").toFile());
        Map<String, String> config = config(overlay);
        String issuer = config.get("MP_JWT_VERIFY_ISSUER");
        assertThat(issuer).endsWith("/realms/" + realm.path("realm").asText());
        assertThat(config.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION")).isEqualTo(issuer + "/protocol/openid-connect/certs");
    }

    @Test
    void theRealmGivesTheRolesAndPutsTheClaimsTheServicesReadIntoAccessTokens() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(K8S.resolve("keycloak/dual-list-realm.json").toFile());
        List<String> roles = new ArrayList<>();
        realm.at("/roles/realm").forEach(role -> roles.add(role.path("name").asText()));
        List<String> userRoles = Stream.of(ActorRole.values()).filter(role -> role != ActorRole.SYSTEM)
                .map(role -> role.name().toLowerCase(Locale.ROOT)).toList();
        assertThat(roles).containsExactlyInAnyOrderElementsOf(userRoles);

        List<JsonNode> mappers = new ArrayList<>();
        realm.path("clients").forEach(client -> client.path("protocolMappers").forEach(mappers::add));
        realm.path("clientScopes").forEach(scope -> scope.path("protocolMappers").forEach(mappers::add));
        Set<String> accessTokenClaims = mappers.stream()
                .filter(mapper -> mapper.at("/config/access.token.claim").asText().equals("true"))
                .map(mapper -> mapper.at("/config/claim.name").asText())
                .collect(Collectors.toSet());
        assertThat(accessTokenClaims).contains(TokenClaims.ROLE, TokenClaims.REGION, TokenClaims.UNIT, TokenClaims.SIDE, "upn", "groups");
        assertThat(mappers).as("audience " + TokenClaims.AUDIENCE).anySatisfy(mapper -> {
            assertThat(mapper.path("protocolMapper").asText()).isEqualTo("oidc-audience-mapper");
            assertThat(mapper.at("/config/included.custom.audience").asText()).isEqualTo(TokenClaims.AUDIENCE);
            assertThat(mapper.at("/config/access.token.claim").asText()).isEqualTo("true");
        });
        // The role claim names one role as a string (Caller parses it as one), never a list
        assertThat(mappers).filteredOn(mapper -> mapper.at("/config/claim.name").asText().equals(TokenClaims.ROLE))
                .allSatisfy(mapper -> assertThat(mapper.at("/config/multivalued").asText()).isEqualTo("false"));
        // No users, hence no passwords, and no client secret
        assertThat(realm.path("users").isEmpty()).isTrue();
        assertThat(realm.findValues("credentials")).isEmpty();
        assertThat(realm.findValues("secret")).isEmpty();
    }

    // --- rendering and reading

    private static List<JsonNode> render(Path overlay) {
        return RENDERED.computeIfAbsent(overlay, dir -> {
            String yaml = run(List.of("kubectl", "kustomize", dir.toString()), Map.of());
            return readAll(yaml);
        });
    }

    private static List<JsonNode> readAll(String yaml) {
        try {
            List<JsonNode> documents = new ArrayList<>();
            for (JsonNode document : YAML.readValues(new YAMLFactory().createParser(yaml), JsonNode.class).readAll()) {
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new AssertionError("cannot read the YAML: " + e.getMessage(), e);
        }
    }

    private static String run(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            var stderr = new java.io.ByteArrayOutputStream();
            Thread errors = new Thread(() -> {
                try {
                    process.getErrorStream().transferTo(stderr);
                } catch (IOException ignored) {
                    // the exit code tells
                }
            });
            errors.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 2 minutes");
            }
            errors.join();
            if (process.exitValue() != 0) {
                fail(String.join(" ", command) + " failed (" + process.exitValue() + "): " + stderr.toString(StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            // kubectl missing: the overlays are not checked, and that is a failure, never a skip
            throw new AssertionError("cannot run " + command.get(0) + " (kubectl must be installed to check the Kubernetes"
                    + " manifests): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static List<JsonNode> ofKind(Path overlay, String kind) {
        return render(overlay).stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static JsonNode single(Path overlay, String kind) {
        List<JsonNode> found = ofKind(overlay, kind);
        assertThat(found).as("one " + kind + " in " + overlay.getFileName()).hasSize(1);
        return found.get(0);
    }

    private static JsonNode one(Path overlay, String kind, String name) {
        return ofKind(overlay, kind).stream().filter(d -> name.equals(d.at("/metadata/name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + overlay.getFileName()));
    }

    /** The suite's shared ConfigMap, which every service takes in whole. */
    private static Map<String, String> config(Path overlay) {
        Map<String, String> data = new LinkedHashMap<>();
        one(overlay, "ConfigMap", "dual-list-config").path("data").properties()
                .forEach(entry -> data.put(entry.getKey(), entry.getValue().asText()));
        return data;
    }

    /**
     * A service container's environment: its ConfigMaps (envFrom), then its own variables, a variable
     * from a Secret as {@code secret:NAME/KEY}.
     */
    private static Map<String, String> environment(Path overlay, JsonNode deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        for (JsonNode source : container.path("envFrom")) {
            if (source.has("configMapRef")) {
                one(overlay, "ConfigMap", source.at("/configMapRef/name").asText()).path("data").properties()
                        .forEach(entry -> env.put(entry.getKey(), entry.getValue().asText()));
            }
        }
        for (JsonNode variable : container.path("env")) {
            String value = variable.has("value") ? variable.path("value").asText()
                    : variable.has("valueFrom") && variable.at("/valueFrom/secretKeyRef").isObject()
                    ? "secret:" + variable.at("/valueFrom/secretKeyRef/name").asText() + "/" + variable.at("/valueFrom/secretKeyRef/key").asText()
                    : "from:" + variable.path("valueFrom");
            env.put(variable.path("name").asText(), value);
        }
        return env;
    }

    private static String initScript(Path overlay, JsonNode cluster) {
        StringBuilder script = new StringBuilder();
        for (JsonNode ref : cluster.at("/spec/bootstrap/initdb/postInitApplicationSQLRefs/configMapRefs")) {
            JsonNode map = one(overlay, "ConfigMap", ref.path("name").asText());
            script.append(map.at("/data/" + ref.path("key").asText()).asText());
        }
        cluster.at("/spec/bootstrap/initdb/postInitApplicationSQL").forEach(sql -> script.append(sql.asText()));
        assertThat(script).as("the init script of " + cluster.at("/metadata/name").asText()).isNotEmpty();
        return script.toString();
    }

    /** Every Secret the manifests name, with the keys they read from it. */
    private static Map<String, Set<String>> referencedSecrets(Path overlay) {
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        for (JsonNode deployment : ofKind(overlay, "Deployment")) {
            for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                for (JsonNode variable : container.path("env")) {
                    JsonNode ref = variable.at("/valueFrom/secretKeyRef");
                    if (ref.isObject()) {
                        secrets.computeIfAbsent(ref.path("name").asText(), n -> new HashSet<>()).add(ref.path("key").asText());
                    }
                }
                for (JsonNode source : container.path("envFrom")) {
                    if (source.has("secretRef")) {
                        secrets.computeIfAbsent(source.at("/secretRef/name").asText(), n -> new HashSet<>());
                    }
                }
            }
        }
        for (JsonNode role : single(overlay, "Cluster").at("/spec/managed/roles")) {
            if (role.has("passwordSecret")) {
                secrets.computeIfAbsent(role.at("/passwordSecret/name").asText(), n -> new HashSet<>()).addAll(List.of("username", "password"));
            }
        }
        for (JsonNode store : ofKind(overlay, "ObjectStore")) {
            store.at("/spec/configuration/s3Credentials").properties().forEach(credential -> {
                JsonNode ref = credential.getValue();
                if (ref.has("name")) {
                    secrets.computeIfAbsent(ref.path("name").asText(), n -> new HashSet<>()).add(ref.path("key").asText());
                }
            });
        }
        return secrets;
    }

    /** The Secrets create-secrets.sh makes, by name (printed, not sent anywhere). */
    private static Map<String, JsonNode> secretsOfCreateSecrets() {
        String yaml = run(List.of("bash", K8S.resolve("create-secrets.sh").toString(), "--print"),
                Map.of("BACKUP_ACCESS_KEY_ID", "test-key-id", "BACKUP_SECRET_ACCESS_KEY", "test-secret-key"));
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode secret : readAll(yaml)) {
            assertThat(secret.path("kind").asText()).isEqualTo("Secret");
            byName.put(secret.at("/metadata/name").asText(), secret);
        }
        return byName;
    }

    private static int brokers(Path overlay, String cluster) {
        int brokers = 0;
        for (JsonNode pool : ofKind(overlay, "KafkaNodePool")) {
            boolean isBroker = false;
            for (JsonNode role : pool.at("/spec/roles")) {
                isBroker |= role.asText().equals("broker");
            }
            if (isBroker && cluster.equals(pool.at("/metadata/labels/strimzi.io~1cluster").asText())) {
                brokers += pool.at("/spec/replicas").asInt();
            }
        }
        return brokers;
    }

    /** A tag or a digest, and not the moving tag {@code latest}. */
    private static void assertPinned(String where, String image) {
        assertThat(image).as(where + " image").isNotBlank();
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        boolean digest = image.contains("@sha256:");
        boolean tagged = lastSegment.contains(":") && !lastSegment.endsWith(":latest") && !lastSegment.endsWith(":");
        assertThat(digest || tagged).as(where + " image " + image + " is pinned to a tag or digest (never latest)").isTrue();
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("deploy/k8s")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (with mvnw and deploy/k8s) above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
