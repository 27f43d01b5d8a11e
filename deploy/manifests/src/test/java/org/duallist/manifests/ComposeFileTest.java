package org.duallist.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The root's {@code docker-compose.yml} (README "One server with docker compose"), as Debian's
 * {@code docker-compose} renders it with the settings of {@code .env.example}: no Docker engine is
 * needed. Fails, never skips, when {@code docker-compose} is not installed ({@code .ci/run} installs it).
 */
class ComposeFileTest {

    /** The four services: name, module under {@code services/}, schema and database role alike. */
    private static final Set<String> SERVICES = Set.of("registration", "progress", "supervision", "query");
    private static final Set<String> INFRASTRUCTURE = Set.of("postgres", "kafka");
    private static final Set<String> RESTART_POLICIES = Set.of("always", "unless-stopped", "on-failure");
    private static final Pattern CONTAINER_PORT_IN_URL = Pattern.compile("http://(?:127\\.0\\.0\\.1|localhost):(\\d+)/q/health/ready");

    private static Path root;
    private static JsonNode rendered;

    @BeforeAll
    static void renderComposeFile() throws Exception {
        root = repositoryRoot();
        CommandResult validation = dockerCompose("config", "-q");
        assertThat(validation.exitCode())
                .as("docker-compose config -q with .env.example:\n%s", validation.stderr())
                .isZero();
        CommandResult config = dockerCompose("config");
        assertThat(config.exitCode()).as("docker-compose config:\n%s", config.stderr()).isZero();
        rendered = new YAMLMapper().readTree(config.stdout());
    }

    @Test
    void everyVariableTheFileUsesIsSetInEnvExample() throws Exception {
        // docker-compose warns about each ${VARIABLE} that the env file leaves unset and renders it empty
        CommandResult validation = dockerCompose("config", "-q");
        assertThat(validation.stderr()).doesNotContain("is not set");
    }

    @Test
    void postgresKafkaAndTheFourServicesArePresent() {
        Set<String> expected = new TreeSet<>(SERVICES);
        expected.addAll(INFRASTRUCTURE);
        assertThat(serviceNames()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(service("postgres").path("image").asText()).as("the official PostgreSQL 17 image").startsWith("postgres:17.");
        assertThat(service("kafka").path("image").asText()).as("the official Apache Kafka image").startsWith("apache/kafka:");
        assertThat(environment("kafka")).as("one node in KRaft mode, broker and controller")
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsKey("CLUSTER_ID")
                .doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
    }

    @Test
    void everyContainerHasAHealthCheckAndARestartPolicy() {
        for (String name : serviceNames()) {
            JsonNode service = service(name);
            assertThat(RESTART_POLICIES).as("restart policy of %s", name).contains(service.path("restart").asText());
            JsonNode test = service.path("healthcheck").path("test");
            assertThat(test.isArray() && test.size() > 1).as("health check of %s: %s", name, test).isTrue();
            assertThat(test.get(0).asText()).as("health check of %s", name).isIn("CMD", "CMD-SHELL");
            assertThat(service.path("healthcheck").path("disable").asBoolean(false)).as("%s health check disabled", name).isFalse();
        }
        assertThat(healthCheck("postgres")).contains("pg_isready");
        assertThat(healthCheck("kafka")).as("a request to the broker").contains("kafka-broker-api-versions.sh");
    }

    @Test
    void eachServiceIsHealthyWhenItsReadinessAnswersOnItsOwnPort() {
        for (String name : SERVICES) {
            Matcher url = CONTAINER_PORT_IN_URL.matcher(healthCheck(name));
            assertThat(url.find()).as("%s checks /q/health/ready: %s", name, healthCheck(name)).isTrue();
            assertThat(healthCheck(name)).as("%s: curl must fail on an HTTP error status", name).contains("--fail");
            assertThat(containerPorts(name)).as("%s publishes the port its health check asks", name)
                    .containsExactly(Integer.parseInt(url.group(1)));
        }
    }

    @Test
    void servicesStartAfterPostgresAndKafkaAreHealthy() {
        for (String name : SERVICES) {
            JsonNode dependsOn = service(name).path("depends_on");
            for (String dependency : INFRASTRUCTURE) {
                assertThat(dependsOn.path(dependency).path("condition").asText())
                        .as("%s depends on %s being healthy", name, dependency)
                        .isEqualTo("service_healthy");
            }
        }
    }

    @Test
    void everyImageIsPinned() throws Exception {
        String version = projectVersion();
        for (String name : serviceNames()) {
            String image = service(name).path("image").asText();
            assertThat(image).as("image of %s", name).isNotEmpty();
            assertPinned("image of " + name, image);
        }
        for (String name : SERVICES) {
            assertThat(service(name).path("image").asText()).as("built image of %s, tagged with the project's version", name)
                    .isEqualTo("dual-list-" + name + ":" + version);
        }
    }

    @Test
    void eachServiceIsBuiltByTheDockerfileNextToItsModuleAsAnUnprivilegedUser() throws IOException {
        for (String name : SERVICES) {
            JsonNode build = service(name).path("build");
            Path context = Path.of(build.path("context").asText());
            assertThat(context).as("build context of %s", name).isEqualTo(root.resolve("services").resolve(name));
            Path dockerfile = context.resolve(build.path("dockerfile").asText("Dockerfile"));
            assertThat(dockerfile).as("Dockerfile of %s", name).isRegularFile();
            assertThat(context.resolve(".dockerignore")).as(".dockerignore of %s", name).isRegularFile();
            List<String> lines = Files.readAllLines(dockerfile, StandardCharsets.UTF_8);
            List<String> from = instructions(lines, "FROM");
            assertThat(from).as("base images of %s", name).isNotEmpty();
            from.forEach(base -> assertPinned("base image of " + name, base.split("\\s+")[0]));
            List<String> users = instructions(lines, "USER");
            assertThat(users).as("%s runs as a user of its own", name).isNotEmpty();
            assertThat(users.get(users.size() - 1)).as("%s's user", name).isNotIn("root", "0", "0:0", "root:root");
            assertThat(instructions(lines, "EXPOSE")).as("%s exposes the port it is checked on", name)
                    .containsExactly(String.valueOf(containerPorts(name).get(0)));
            assertThat(String.join("\n", lines)).as("%s runs the Quarkus fast-jar", name)
                    .contains("target/quarkus-app/").contains("quarkus-run.jar");
        }
    }

    @Test
    void dataLivesInNamedVolumes() {
        Set<String> declared = new TreeSet<>();
        rendered.path("volumes").fieldNames().forEachRemaining(declared::add);
        Map<String, Map<String, String>> namedByService = new TreeMap<>();
        for (String name : serviceNames()) {
            Map<String, String> named = new LinkedHashMap<>();
            for (Mount mount : mounts(name)) {
                if (mount.isBind()) {
                    assertThat(mount.readOnly()).as("%s mounts %s from the host read-only", name, mount.source()).isTrue();
                    assertThat(Path.of(mount.source())).as("%s mounts a file of the repository", name).startsWith(root).exists();
                } else {
                    assertThat(mount.source()).as("%s: a named volume at %s, not an anonymous one", name, mount.target()).isNotEmpty();
                    assertThat(declared).as("volumes declared at the top level").contains(mount.source());
                    named.put(mount.target(), mount.source());
                }
            }
            namedByService.put(name, named);
        }
        assertThat(namedByService.get("postgres")).as("PostgreSQL's data directory").containsKey("/var/lib/postgresql/data");
        assertThat(namedByService.get("kafka")).as("Kafka's log directory").containsKey(environment("kafka").get("KAFKA_LOG_DIRS"));
    }

    @Test
    void everyVariableSetForAServiceIsOneTheServiceReads() {
        ConfigurationNamesRead names = new ConfigurationNamesRead(root);
        Map<String, Set<String>> unread = unreadVariables(rendered, names);
        assertThat(unread).as("variables set in docker-compose.yml that no service reads (README \"Ports and configuration\", "
                + "application.properties, @ConfigProperty and @ConfigMapping names)").isEmpty();
    }

    @Test
    void aVariableNobodyReadsIsCaught() {
        ObjectNode tampered = rendered.deepCopy();
        ((ObjectNode) tampered.path("services").path("query").path("environment")).put("DUAL_LIST_NO_SUCH_SETTING", "1");
        ((ObjectNode) tampered.path("services").path("progress").path("environment")).put("DUAL_LIST_WEBHOOKS_OWN_SERVICES", "x");
        assertThat(unreadVariables(tampered, new ConfigurationNamesRead(root)))
                .as("an unknown name, and a name only another service reads")
                .isEqualTo(Map.of("query", Set.of("DUAL_LIST_NO_SUCH_SETTING"), "progress", Set.of("DUAL_LIST_WEBHOOKS_OWN_SERVICES")));
    }

    @Test
    void theConfigurationNamesComeFromTheServicesThemselves() {
        ConfigurationNamesRead names = new ConfigurationNamesRead(root);
        assertThat(names.environmentNamesReadBy("query"))
                .contains("QUARKUS_DATASOURCE_JDBC_URL", "KAFKA_BOOTSTRAP_SERVERS", "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                        "DUAL_LIST_WEBHOOKS_OWN_SERVICES", "DUAL_LIST_LIMITS_RATE_TRACKED_CALLERS", "QUARKUS_HTTP_PORT");
        assertThat(names.propertyNamesReadBy("supervision")).contains("dual-list.supervision.yellow-days")
                .doesNotContain("dual-list.webhooks.own-services");
    }

    @Test
    void neverTheLocalStacksAdjustableClock() {
        for (String name : SERVICES) {
            assertThat(environment(name)).as("%s: DUAL_LIST_CLOCK_ADJUSTABLE is for the local stack and tests only", name)
                    .doesNotContainKey("DUAL_LIST_CLOCK_ADJUSTABLE")
                    .doesNotContainKey("DUAL_LIST_DEMO_USERS_FILE")
                    .doesNotContainKey("DUAL_LIST_READINESS_HOLD_FILE");
            assertThat(environment(name).getOrDefault("DUAL_LIST_WEBHOOKS_ALLOW_LOOPBACK_TARGETS", "false")).isEqualTo("false");
        }
    }

    @Test
    void eachServiceRunsAsItsOwnRoleAndMigratesAsItsSchemasOwner() throws IOException {
        String initScript = Files.readString(root.resolve("deploy/compose/postgres/initdb/10-dual-list-roles.sh"), StandardCharsets.UTF_8);
        Matcher loop = Pattern.compile("for service in ([a-z ]+); do").matcher(initScript);
        assertThat(loop.find()).as("the init script's list of services").isTrue();
        assertThat(Set.of(loop.group(1).strip().split("\\s+"))).as("services whose roles the init script creates")
                .isEqualTo(SERVICES);
        assertThat(volumeTargets("postgres")).contains("/docker-entrypoint-initdb.d");
        Map<String, String> postgres = environment("postgres");
        assertThat(postgres).containsEntry("POSTGRES_DB", "duallist");
        for (String name : SERVICES) {
            Map<String, String> env = environment(name);
            assertThat(env).as("%s's database settings", name)
                    .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgres:5432/duallist?currentSchema=" + name)
                    .containsEntry("QUARKUS_DATASOURCE_USERNAME", name)
                    .containsEntry("QUARKUS_FLYWAY_USERNAME", name + "_owner")
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
            String upper = name.toUpperCase(java.util.Locale.ROOT);
            assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD")).as("%s's password is the one its role was created with", name)
                    .isEqualTo(postgres.get(upper + "_DB_PASSWORD")).isNotEmpty();
            assertThat(env.get("QUARKUS_FLYWAY_PASSWORD")).as("%s_owner's password is the one its role was created with", name)
                    .isEqualTo(postgres.get(upper + "_OWNER_DB_PASSWORD")).isNotEmpty();
        }
    }

    @Test
    void envExampleHoldsPlaceholdersAndPostgresRefusesThem() throws IOException {
        Map<String, String> example = new LinkedHashMap<>();
        for (String line : Files.readAllLines(root.resolve(".env.example"), StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int equals = line.indexOf('=');
                example.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        assertThat(example).as("the issuer's settings are required").containsKeys("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER");
        assertThat(example.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION")).contains("CHANGE_ME").contains(".invalid/");
        String startScript = Files.readString(root.resolve("deploy/compose/postgres/start.sh"), StandardCharsets.UTF_8);
        List<String> passwords = new ArrayList<>();
        example.forEach((name, value) -> {
            if (name.contains("PASSWORD")) {
                passwords.add(name);
                assertThat(value).as("%s in .env.example is a marked placeholder, not a credential", name).contains("CHANGE_ME");
                assertThat(startScript).as("the postgres container refuses to start without %s", name).contains(name);
            }
        });
        assertThat(startScript).contains("CHANGE_ME");
        assertThat(passwords).as("every password PostgreSQL is given")
                .containsExactlyInAnyOrderElementsOf(environment("postgres").keySet().stream().filter(n -> n.contains("PASSWORD")).toList());
        assertThat(Files.readAllLines(root.resolve(".gitignore"), StandardCharsets.UTF_8)).as(".env is never committed").contains(".env");
    }

    // ---------------------------------------------------------------------------------------------

    /** Per service of {@code config}, the variables set for it that it does not read (empty lists left out). */
    static Map<String, Set<String>> unreadVariables(JsonNode config, ConfigurationNamesRead names) {
        Map<String, Set<String>> unread = new TreeMap<>();
        for (String name : SERVICES) {
            Set<String> read = names.environmentNamesReadBy(name);
            Set<String> notRead = new TreeSet<>(environmentOf(config.path("services").path(name)).keySet());
            notRead.removeAll(read);
            if (!notRead.isEmpty()) {
                unread.put(name, notRead);
            }
        }
        return unread;
    }

    private static void assertPinned(String what, String image) {
        String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = withoutDigest.lastIndexOf(':');
        String tag = colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(colon + 1) : "";
        assertThat(tag).as("%s %s has a tag", what, image).isNotEmpty();
        assertThat(tag).as("%s %s", what, image).isNotEqualTo("latest");
        assertThat(tag).as("%s %s names a version, not just a major", what, image).matches(".*\\d+\\.\\d+.*");
    }

    private static List<String> instructions(List<String> dockerfile, String instruction) {
        List<String> arguments = new ArrayList<>();
        for (String line : dockerfile) {
            String stripped = line.strip();
            if (stripped.regionMatches(true, 0, instruction + " ", 0, instruction.length() + 1)) {
                arguments.add(stripped.substring(instruction.length() + 1).strip());
            }
        }
        return arguments;
    }

    private static Set<String> serviceNames() {
        Set<String> names = new TreeSet<>();
        rendered.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode service(String name) {
        JsonNode service = rendered.path("services").path(name);
        assertThat(service.isObject()).as("service %s in docker-compose.yml", name).isTrue();
        return service;
    }

    private static String healthCheck(String name) {
        List<String> parts = new ArrayList<>();
        service(name).path("healthcheck").path("test").forEach(part -> parts.add(part.asText()));
        return String.join(" ", parts);
    }

    private static Map<String, String> environment(String name) {
        return environmentOf(service(name));
    }

    /** The environment as docker-compose renders it: a map, or a list of NAME=value. */
    private static Map<String, String> environmentOf(JsonNode service) {
        Map<String, String> environment = new TreeMap<>();
        JsonNode node = service.path("environment");
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> environment.put(entry.getKey(), entry.getValue().isNull() ? "" : entry.getValue().asText()));
        } else if (node.isArray()) {
            node.forEach(item -> {
                String text = item.asText();
                int equals = text.indexOf('=');
                environment.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? "" : text.substring(equals + 1));
            });
        }
        return environment;
    }

    /** Container ports the service publishes: long syntax ({@code target}) or short ({@code "8080:8080"}). */
    private static List<Integer> containerPorts(String name) {
        List<Integer> ports = new ArrayList<>();
        service(name).path("ports").forEach(port -> {
            if (port.isObject()) {
                ports.add(port.path("target").asInt());
            } else {
                String text = port.asText().replaceAll("/.*", "");
                ports.add(Integer.parseInt(text.substring(text.lastIndexOf(':') + 1)));
            }
        });
        return ports;
    }

    private record Mount(String type, String source, String target, boolean readOnly) {
        boolean isBind() {
            return type.equals("bind");
        }
    }

    /** Mounts as docker-compose 1.x ({@code source:target:mode}) or Compose v2 (long syntax) renders them. */
    private static List<Mount> mounts(String name) {
        List<Mount> mounts = new ArrayList<>();
        service(name).path("volumes").forEach(volume -> {
            if (volume.isObject()) {
                mounts.add(new Mount(volume.path("type").asText("volume"), volume.path("source").asText(""),
                        volume.path("target").asText(), volume.path("read_only").asBoolean(false)));
            } else {
                String[] parts = volume.asText().split(":");
                if (parts.length == 1) {
                    mounts.add(new Mount("volume", "", parts[0], false));
                } else {
                    String source = parts[0];
                    boolean bind = source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
                    boolean readOnly = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
                    mounts.add(new Mount(bind ? "bind" : "volume", source, parts[1], readOnly));
                }
            }
        });
        return mounts;
    }

    private static List<String> volumeTargets(String name) {
        return mounts(name).stream().map(Mount::target).toList();
    }

    private static String projectVersion() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element project = factory.newDocumentBuilder().parse(root.resolve("pom.xml").toFile()).getDocumentElement();
        var children = project.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element && element.getTagName().equals("version")) {
                return element.getTextContent().strip();
            }
        }
        throw new IllegalStateException("the root pom.xml has no version");
    }

    /** The repository root: the first directory above this module's that holds docker-compose.yml's module list. */
    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/manifests/pom.xml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                assertThat(dir.resolve("docker-compose.yml")).as("docker-compose.yml at the repository root").isRegularFile();
                return dir;
            }
        }
        return fail("no repository root (with deploy/manifests/pom.xml) above " + start);
    }

    private record CommandResult(int exitCode, String stdout, String stderr) {
    }

    private static CommandResult dockerCompose(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker-compose",
                "--env-file", root.resolve(".env.example").toString(),
                "-f", root.resolve("docker-compose.yml").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        // only .env.example decides the values, not variables that happen to be set where the tests run
        Map<String, String> inherited = Map.copyOf(builder.environment());
        builder.environment().clear();
        for (String kept : List.of("PATH", "HOME", "LANG", "TMPDIR")) {
            if (inherited.containsKey(kept)) {
                builder.environment().put(kept, inherited.get(kept));
            }
        }
        Path stdout = Files.createTempFile("compose-config", ".yml");
        Path stderr = Files.createTempFile("compose-config", ".err");
        try {
            Process process;
            try {
                process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            } catch (IOException e) {
                return fail("docker-compose is needed to validate docker-compose.yml (Debian: apt-get install docker-compose; "
                        + ".ci/run installs it): " + e.getMessage());
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("docker-compose " + String.join(" ", arguments) + " did not finish within 120 s");
            }
            return new CommandResult(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
