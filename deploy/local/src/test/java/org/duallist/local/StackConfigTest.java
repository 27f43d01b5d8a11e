package org.duallist.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackConfigTest {

    private final Path root = Path.of("/repo");

    @Test
    void defaults_when_nothing_is_set() {
        StackConfig config = StackConfig.fromEnvironment(Map.of(), root);

        assertThat(config.dataDir()).isEqualTo(Path.of("/repo/.data"));
        assertThat(config.pgPort()).isEqualTo(15432);
        assertThat(config.kafkaPort()).isEqualTo(19092);
        assertThat(config.kafkaControllerPort()).isEqualTo(19093);
        assertThat(config.port(ServiceDefinition.QUERY)).isEqualTo(8080);
        assertThat(config.port(ServiceDefinition.REGISTRATION)).isEqualTo(8081);
        assertThat(config.services()).containsExactly(ServiceDefinition.values());
        assertThat(config.logFile("kafka")).isEqualTo(Path.of("/repo/.data/logs/kafka.log"));
    }

    @Test
    void environment_overrides_data_dir_and_every_port() {
        StackConfig config = StackConfig.fromEnvironment(Map.of(
                "DUAL_LIST_DATA", "/tmp/dl",
                "DUAL_LIST_PG_PORT", "25432",
                "DUAL_LIST_KAFKA_PORT", " 29092 ",
                "QUERY_PORT", "18080",
                "REG_PORT", "18081"), root);

        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/dl"));
        assertThat(config.jdbcUrl(ServiceDefinition.QUERY))
                .isEqualTo("jdbc:postgresql://127.0.0.1:25432/duallist?currentSchema=query");
        assertThat(config.kafkaBootstrap()).isEqualTo("127.0.0.1:29092");
        assertThat(config.baseUrl(ServiceDefinition.QUERY)).isEqualTo("http://127.0.0.1:18080");
        assertThat(config.baseUrl(ServiceDefinition.REGISTRATION)).isEqualTo("http://127.0.0.1:18081");
    }

    @Test
    void blank_values_mean_default() {
        StackConfig config = StackConfig.fromEnvironment(Map.of("DUAL_LIST_DATA", " ", "REG_PORT", ""), root);

        assertThat(config.dataDir()).isEqualTo(Path.of("/repo/.data"));
        assertThat(config.port(ServiceDefinition.REGISTRATION)).isEqualTo(8081);
    }

    @Test
    void rejects_ports_that_are_no_ports() {
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of("QUERY_PORT", "http"), root))
                .hasMessageContaining("QUERY_PORT=http");
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of("DUAL_LIST_KAFKA_PORT", "65535"), root))
                .hasMessageContaining("controller");
    }

    @Test
    void a_service_gets_its_port_schema_roles_and_passwords_in_its_environment() {
        StackConfig config = StackConfig.defaults(root).withPorts(25432, 29092)
                .withServicePort(ServiceDefinition.REGISTRATION, 18081);

        Map<String, String> env = ServiceProcess.environment(config, ServiceDefinition.REGISTRATION, 1, "secret",
                "owner-secret");

        assertThat(env).containsEntry("QUARKUS_HTTP_PORT", "18081")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL",
                        "jdbc:postgresql://127.0.0.1:25432/duallist?currentSchema=registration")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "registration")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "secret")
                .containsEntry("QUARKUS_FLYWAY_USERNAME", "registration_owner")
                .containsEntry("QUARKUS_FLYWAY_PASSWORD", "owner-secret")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:29092")
                .containsEntry("DUAL_LIST_CLOCK_ADJUSTABLE", "true")
                .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "/repo/.data/jwt/public-key.pem")
                .containsEntry("MP_JWT_VERIFY_ISSUER", "dual-list-local")
                .containsEntry("DUAL_LIST_WEBHOOKS_ALLOW_LOOPBACK_TARGETS", "true")
                .containsEntry("DUAL_LIST_WEBHOOKS_OWN_SERVICES",
                        "http://127.0.0.1:8080,http://127.0.0.1:18081,http://127.0.0.1:8082,http://127.0.0.1:8083")
                .containsEntry("DUAL_LIST_LIMITS_RATE_REQUESTS_PER_SECOND", "20000")
                .containsEntry("DUAL_LIST_LIMITS_RATE_BURST", "40000");
    }

    @Test
    void replicas_of_a_service_share_its_schema_and_role_and_listen_a_hundred_ports_apart() {
        StackConfig config = StackConfig.defaults(root).withReplicas(3);

        assertThat(config.baseUrls(ServiceDefinition.QUERY))
                .containsExactly("http://127.0.0.1:8080", "http://127.0.0.1:8180", "http://127.0.0.1:8280");
        assertThat(StackConfig.replicaName(ServiceDefinition.QUERY, 1)).isEqualTo("query");
        assertThat(StackConfig.replicaName(ServiceDefinition.QUERY, 2)).isEqualTo("query-2");
        Map<String, String> second = ServiceProcess.environment(config, ServiceDefinition.PROGRESS, 2, "secret", "owner-secret");
        assertThat(second.get("DUAL_LIST_WEBHOOKS_OWN_SERVICES").split(","))
                .hasSize(12).contains("http://127.0.0.1:8080", "http://127.0.0.1:8280", "http://127.0.0.1:8283");
        assertThat(second).containsEntry("QUARKUS_HTTP_PORT", "8182")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "progress")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:15432/duallist?currentSchema=progress");
        assertThatThrownBy(() -> config.port(ServiceDefinition.QUERY, 4)).hasMessageContaining("no replica 4");
        assertThatThrownBy(() -> StackConfig.defaults(root).withReplicas(0)).hasMessageContaining("1 to 9");
        assertThatThrownBy(() -> StackConfig.defaults(root).withServicePort(ServiceDefinition.QUERY, 65500).withReplicas(2))
                .hasMessageContaining("out of range");
    }

    @Test
    void the_token_command_reads_only_the_data_dir_from_the_environment() {
        assertThat(StackConfig.dataDir(Map.of("DUAL_LIST_DATA", "/tmp/dl", "QUERY_PORT", "http"), root))
                .isEqualTo(Path.of("/tmp/dl"));
        assertThat(StackConfig.dataDir(Map.of(), root)).isEqualTo(Path.of("/repo/.data"));
    }

    @Test
    void services_are_found_by_name() {
        assertThat(ServiceDefinition.byName(" Query ")).isEqualTo(ServiceDefinition.QUERY);
        assertThat(ServiceDefinition.REGISTRATION.runJar(root))
                .isEqualTo(Path.of("/repo/services/registration/target/quarkus-app/quarkus-run.jar"));
        assertThatThrownBy(() -> ServiceDefinition.byName("nope")).hasMessageContaining("registration");
    }

    @Test
    void child_processes_get_an_absolute_class_path() {
        String cwd = Path.of("").toAbsolutePath().toString();

        assertThat(StackConfig.absoluteClassPath("a.jar:lib/*:/abs/b.jar"))
                .isEqualTo(cwd + "/a.jar:" + cwd + "/lib/*:/abs/b.jar");
    }

    @Test
    void a_profiled_stack_gives_each_process_a_recording_directory_made_when_it_launches(@TempDir Path temp) throws IOException {
        assertThat(StackConfig.defaults(root).profilingOptions("query")).isEmpty();

        StackConfig profiled = StackConfig.defaults(root).withProfiles(temp.resolve("profiles"));
        assertThat(profiled.profilingOptions("query-2")).containsExactly(
                "-XX:StartFlightRecording=filename=" + temp.resolve("profiles/query-2") + ",dumponexit=true,settings=profile");
        assertThat(temp.resolve("profiles")).doesNotExist();
        profiled.createProfileDirectory("query-2");
        assertThat(temp.resolve("profiles/query-2")).isDirectory();
    }

    @Test
    void a_service_starts_with_the_class_data_archive_its_package_step_wrote(@TempDir Path repo) throws IOException {
        Path app = repo.resolve("services/query/target/quarkus-app");
        Files.createDirectories(app);
        Files.writeString(app.resolve("quarkus-run.jar"), "");
        StackConfig config = StackConfig.defaults(repo);

        assertThat(new ServiceProcess(config, ServiceDefinition.QUERY, 1, "secret", "owner-secret").command())
                .noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));
        Files.writeString(app.resolve(ServiceProcess.CLASS_DATA_ARCHIVE), "");
        assertThat(new ServiceProcess(config, ServiceDefinition.QUERY, 1, "secret", "owner-secret").command())
                .contains("-XX:SharedArchiveFile=" + app.resolve(ServiceProcess.CLASS_DATA_ARCHIVE));
    }
}
