package org.duallist.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.duallist.identity.KeyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TokenCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        CommandLine command = new CommandLine(new TokenCommand(dataDir,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        command.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true)); // picocli's own messages
        return command.execute(args);
    }

    private List<String> stdout() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_leader_token_is_the_only_line_of_stdout_and_signed_with_the_data_dirs_key() throws Exception {
        assertThat(run("--role", "leader", "--region", "150100")).as(stderr()).isZero();

        assertThat(stdout()).hasSize(1);
        assertThat(Files.exists(dataDir.resolve("jwt/private-key.pem"))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("jwt/private-key.pem"))))
                .isEqualTo("rw-------");
        JsonNode claims = verifiedClaims(stdout().get(0));
        assertThat(claims.path("iss").asText()).isEqualTo("dual-list-local");
        assertThat(claims.path("upn").asText()).isEqualTo("leader-150100");
        assertThat(claims.path("role").asText()).isEqualTo("leader");
        assertThat(claims.path("region").asText()).isEqualTo("150100");
        assertThat(claims.has("unit")).isFalse();
        assertThat(claims.path("exp").asLong() - Instant.now().getEpochSecond()).isBetween(12 * 3600L - 60, 12 * 3600L);
        assertThat(stderr()).contains("Token of leader-150100 (leader, region 150100), valid 12 h until");

        // the key pair is kept: a second token verifies with the same public key
        assertThat(run("--role", "office", "--region", "150102", "--hours", "2", "--user", "王主任")).isZero();
        JsonNode office = verifiedClaims(stdout().get(0));
        assertThat(office.path("upn").asText()).isEqualTo("王主任");
        assertThat(office.path("exp").asLong() - Instant.now().getEpochSecond()).isBetween(2 * 3600L - 60, 2 * 3600L);
    }

    @Test
    void a_unit_token_names_the_unit_and_its_side() throws Exception {
        assertThat(run("--role", "UNIT", "--region", "150100", "--unit", "呼和浩特市教育局", "--side", "civil"))
                .as(stderr()).isZero();

        JsonNode claims = verifiedClaims(stdout().get(stdout().size() - 1));
        assertThat(claims.path("role").asText()).isEqualTo("unit");
        assertThat(claims.path("unit").asText()).isEqualTo("呼和浩特市教育局");
        assertThat(claims.path("side").asText()).isEqualTo("civil");
        assertThat(claims.path("upn").asText()).isEqualTo("unit-呼和浩特市教育局");
    }

    @Test
    void invalid_options_are_refused_with_exit_code_2_and_a_message() {
        assertRefused("--role is required", "--region", "150100");
        assertRefused("--role must be unit, office or leader", "--role", "admin", "--region", "150100");
        assertRefused("--region is required", "--role", "office");
        assertRefused("--region must be a 6-digit", "--role", "office", "--region", "1501");
        assertRefused("--region must be a 6-digit", "--role", "office", "--region", "990100");
        assertRefused("--unit is required", "--role", "unit", "--region", "150100", "--side", "military");
        assertRefused("--side is required", "--role", "unit", "--region", "150100", "--unit", "武警呼和浩特支队");
        assertRefused("--side must be military or civil", "--role", "unit", "--region", "150100", "--unit", "x", "--side", "navy");
        assertRefused("--unit and --side are for --role unit only", "--role", "leader", "--region", "150100", "--unit", "x");
        assertRefused("--hours must be between 1 and", "--role", "leader", "--region", "150100", "--hours", "0");
        assertRefused("--user must not be blank", "--role", "leader", "--region", "150100", "--user", " ");
        assertRefused("--demo takes no --role", "--demo", "--role", "leader");
        assertRefused("'x' is not an int", "--role", "leader", "--region", "150100", "--hours", "x");
        assertThat(Files.exists(dataDir.resolve("jwt"))).as("no keys made for refused calls").isFalse();
    }

    private void assertRefused(String message, String... args) {
        assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
        assertThat(stderr()).contains(message);
        assertThat(stdout()).isEmpty();
    }

    @Test
    void demo_tokens_are_labelled_and_the_last_line_is_a_token() throws Exception {
        assertThat(run("--demo")).as(stderr()).isZero();

        List<String> lines = stdout();
        assertThat(lines.get(0)).startsWith("Bearer tokens of the demo (valid 12 h");
        List<String> labels = lines.stream().skip(1).filter(l -> l.endsWith(":")).toList();
        assertThat(labels).containsExactly(
                "office 150100 呼和浩特市双拥办:",
                "leader 150100 呼和浩特市双拥工作领导小组:",
                "leader 150000 内蒙古自治区双拥工作领导小组:",
                "unit 150100 呼和浩特警备区政治工作处 (military, requester):",
                "unit 150100 呼和浩特市教育局 (civil, responsible unit):");
        assertThat(lines).hasSize(1 + 2 * labels.size());
        for (int i = 2; i < lines.size(); i += 2) {
            verifiedClaims(lines.get(i));
        }
        assertThat(verifiedClaims(lines.get(lines.size() - 1)).path("unit").asText()).isEqualTo("呼和浩特市教育局");
    }

    private JsonNode verifiedClaims(String token) throws Exception {
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        PublicKey key = KeyFiles.loadOrCreate(dataDir.resolve("jwt")).getPublic();
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).as("signature").isTrue();
        assertThat(JSON.readTree(Base64.getUrlDecoder().decode(parts[0])).path("alg").asText()).isEqualTo("RS256");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }
}
