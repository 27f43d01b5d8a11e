package org.duallist.registration.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.duallist.spreadsheet.ListImportProblem;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Request bodies over the service's limits get 413 problem+json naming the limit, whether the client
 * declares the length or streams the body chunked: 1 MiB for commands, 16 MiB for the list import.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "registration"))
class RequestSizeLimitTest {

    private static final int MIB = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OFFICE = TestTokens.office("150100");

    /** HTTP/1.1, where a body without a declared length is sent chunked. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/api/tasks")
    URI tasks;

    @TestHTTPResource("/api/lists/import")
    URI listImport;

    @Test
    void aCommandDeclaringMoreThanOneMebibyteIsRefused() throws Exception {
        HttpResponse<String> response = send(json(tasks, filingWithContentOf(MIB + 1), false));
        assertTooLarge(response, "1 MiB");
    }

    @Test
    void aChunkedCommandOverOneMebibyteIsRefusedWhileItIsRead() throws Exception {
        HttpResponse<String> response = send(json(tasks, filingWithContentOf(2 * MIB), true));
        assertTooLarge(response, "1 MiB");
    }

    @Test
    void aCommandWithinTheLimitIsTakenDeclaredOrChunked() throws Exception {
        byte[] filing = JSON.writeValueAsBytes(TaskResourceTest.filing("体积限度内的提报"));
        assertThat(send(json(tasks, filing, false)).statusCode()).isEqualTo(201);
        assertThat(send(json(tasks, filing, true)).statusCode()).isEqualTo(201);
    }

    @Test
    void anImportDeclaringMoreThanSixteenMebibytesIsRefused() throws Exception {
        HttpResponse<String> response = send(upload(16 * MIB + 1, false));
        assertTooLarge(response, "16 MiB");
    }

    @Test
    void aChunkedImportOverSixteenMebibytesIsRefusedWithA413() throws Exception {
        HttpResponse<String> response = send(upload(17 * MIB, true));
        // past Quarkus's own bound (the upload limit) Quarkus answers; it answers 413, never 500
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    }

    @Test
    void anImportLargerThanACommandMayBeIsReadDeclaredOrChunked() throws Exception {
        for (boolean chunked : new boolean[] {false, true}) {
            HttpResponse<String> response = send(upload(3 * MIB, chunked));
            // the upload was read whole and judged as a workbook, which these bytes are not
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("errors").path(0).path("field").asText())
                    .isEqualTo(new ListImportProblem(null, 0, null, "").where());
        }
    }

    private static void assertTooLarge(HttpResponse<String> response, String limit) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("body");
        assertThat(problem.path("errors").path(0).path("message").asText()).contains("must be at most " + limit);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static byte[] filingWithContentOf(int bytes) throws Exception {
        Map<String, Object> filing = new HashMap<>(TaskResourceTest.filing("超大提报"));
        char[] content = new char[bytes];
        Arrays.fill(content, 'x');
        filing.put("content", new String(content));
        return JSON.writeValueAsBytes(filing);
    }

    private HttpRequest json(URI target, byte[] body, boolean chunked) {
        return HttpRequest.newBuilder(target)
                .header("Authorization", "Bearer " + OFFICE)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(publisher(body, chunked))
                .build();
    }

    /** A multipart upload whose field {@code file} holds {@code size} bytes that are no workbook. */
    private HttpRequest upload(int size, boolean chunked) throws Exception {
        String boundary = "dual-list-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream(size + 512);
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.xlsx\"\r\n"
                + "Content-Type: " + ListImportResource.XLSX + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) 'x');
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return HttpRequest.newBuilder(URI.create(listImport + "?region=150100"))
                .header("Authorization", "Bearer " + OFFICE)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofSeconds(60))
                .POST(publisher(body.toByteArray(), chunked))
                .build();
    }

    /** With a declared Content-Length, or streamed chunked without one (a stream's length is unknown). */
    private static HttpRequest.BodyPublisher publisher(byte[] body, boolean chunked) {
        return chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
    }
}
