package org.duallist.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.duallist.contracts.BusinessTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./dual-list import FILE --region R --year Y}: imports a year's list through the
 * registration service's {@code POST /api/lists/import}, as the office of the region: the whole
 * file is judged first (a bad file is refused with every bad cell and files nothing), then it is
 * imported in steps of {@value #STEP} items with a progress bar, and what was filed is printed.
 * Uploading the same file again files nothing twice.
 */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        description = "Imports a year's list (导入年度清单) from an .xlsx in the template's layout (GET /api/lists/import/template) "
                + "into the running local stack, as the office of the region: all rows or none.",
        footer = {
            "",
            "Examples:",
            "  ./dual-list import 2027年双拥实事清单.xlsx --region 150100 --year 2027",
            "  ./dual-list import list.xlsx --region 150102 --url http://10.0.0.5:8081 --token \"$OFFICE_TOKEN\"",
            "",
            "Environment:",
            "  DUAL_LIST_DATA        data dir whose key pair signs the office's token (default <repo>/.data)",
            "  REG_PORT              registration service port of the local stack (default 8081)"
        })
class ImportCommand implements Callable<Integer> {

    /** Items imported per request: small enough for a smooth progress bar, large enough to be quick. */
    static final int STEP = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "FILE", description = "The .xlsx workbook of the list.")
    Path file;

    @Option(names = "--region", required = true, paramLabel = "CODE", description = "The list's region (6 digits), e.g. 150100.")
    String region;

    @Option(names = "--year", paramLabel = "YYYY", description = "The list's year (default this year in Asia/Shanghai).")
    Integer year;

    @Option(names = "--url", paramLabel = "URL", description = "The registration service (default http://127.0.0.1:$REG_PORT).")
    String url;

    @Option(names = "--token", paramLabel = "JWT",
            description = "Bearer token of the office (default: one signed with the local stack's key pair).")
    String token;

    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ImportCommand() {
        this(System.out, System.err);
    }

    ImportCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!region.matches("\\d{6}")) {
            err.println("dual-list import: --region must be a 6-digit region code such as 150100 (got '" + region + "')");
            return 2;
        }
        if (!Files.isRegularFile(file)) {
            err.println("dual-list import: no such file: " + file);
            return 2;
        }
        int listYear = year != null ? year : LocalDate.now(BusinessTime.ZONE).getYear();
        String base = url != null ? url : StackConfig.fromEnvironment(System.getenv(), DualListCommand.repoRoot())
                .baseUrl(ServiceDefinition.REGISTRATION);
        String bearer = token != null ? token : LocalTokens.forDataDir(StackConfig.dataDir(System.getenv(),
                DualListCommand.repoRoot())).mint(LocalTokens.office(region), Duration.ofHours(1));
        byte[] workbook = Files.readAllBytes(file);
        String target = base.replaceAll("/+$", "") + "/api/lists/import?region=" + region + "&year=" + listYear;

        HttpResponse<String> judged = upload(target + "&dryRun=true", workbook, bearer);
        if (judged.statusCode() != 200) {
            return refused(judged);
        }
        int rows = JSON.readTree(judged.body()).path("rows").asInt();
        err.println("Importing " + rows + " items of " + file.getFileName() + " into region " + region + ", year " + listYear
                + " (" + base + ")");
        List<JsonNode> items = new ArrayList<>();
        int filed = 0;
        for (int from = 0; from < rows; from += STEP) {
            progress(from, rows);
            HttpResponse<String> step = upload(target + "&from=" + from + "&count=" + STEP, workbook, bearer);
            if (step.statusCode() != 200) {
                err.println();
                err.println("Stopped after " + from + " of " + rows + " items; run the same command again to finish "
                        + "(what was imported is not filed twice).");
                return refused(step);
            }
            JsonNode report = JSON.readTree(step.body());
            filed += report.path("filed").asInt();
            report.path("items").forEach(items::add);
        }
        progress(rows, rows);
        err.println();
        for (JsonNode item : items) {
            out.println((item.path("filed").asBoolean() ? "filed          " : "already filed  ") + item.path("sheet").asText()
                    + " 第" + item.path("row").asInt() + "行  编号 " + item.path("number").asText() + "  → task "
                    + item.path("taskId").asText());
        }
        out.println("Filed and registered " + filed + " new tasks; " + (items.size() - filed) + " were filed before "
                + "(region " + region + ", year " + listYear + ").");
        return 0;
    }

    private void progress(int done, int total) {
        int width = 30;
        int filledWidth = total == 0 ? width : (int) ((long) width * done / total);
        err.print("\r导入 [" + "#".repeat(filledWidth) + "-".repeat(width - filledWidth) + "] " + done + "/" + total);
        err.flush();
    }

    private int refused(HttpResponse<String> response) throws IOException {
        err.println("The registration service refused the list (HTTP " + response.statusCode() + "); nothing was filed"
                + (response.statusCode() == 400 ? ":" : "."));
        JsonNode problem = response.body() == null || response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        if (problem.path("errors").isArray() && !problem.path("errors").isEmpty()) {
            problem.path("errors").forEach(error -> err.println("  " + error.path("field").asText() + ": "
                    + error.path("message").asText()));
        } else {
            err.println("  " + problem.path("detail").asText(response.body()));
        }
        return 1;
    }

    private HttpResponse<String> upload(String target, byte[] workbook, String bearer) throws IOException, InterruptedException {
        String boundary = "dual-list-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.xlsx\"\r\n"
                + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(workbook);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(target))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json, application/problem+json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
