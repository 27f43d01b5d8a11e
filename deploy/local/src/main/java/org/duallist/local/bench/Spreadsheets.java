package org.duallist.local.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Workload 7, spreadsheets: a list imported in one request ({@code POST /api/lists/import}, the
 * office of the region) and the year's ledger exported as a workbook ({@code GET /api/ledger}),
 * each timed, with the serving process's resident memory sampled every {@link #SAMPLE} while the
 * request runs (its peak, against what it held just before).
 */
public final class Spreadsheets {

    static final Duration SAMPLE = Duration.ofMillis(100);
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final BenchHttp http;

    public Spreadsheets(BenchHttp http) {
        this.http = http;
    }

    /** One request: its time, the bytes it carried, and the server's RSS before and at its peak. */
    public record Measured(String what, long rows, long bytes, double seconds, double rssBeforeMiB, double rssPeakMiB) {
        public double rowsPerSecond() {
            return seconds == 0 ? 0 : rows / seconds;
        }
    }

    /** Imports the whole {@code workbook} of {@code rows} items in one request, every row filed and registered. */
    public Measured importList(byte[] workbook, int rows, long registrationPid, int year) throws IOException, InterruptedException {
        double before = Footprint.nowMiB(Map.of("registration", registrationPid)).get("registration");
        long begin = System.nanoTime();
        HttpResponse<String> answer;
        double peak;
        try (Footprint footprint = new Footprint(Map.of("registration", registrationPid), SAMPLE).start()) {
            answer = upload(workbook, "region=" + CommandWorkload.REGION + "&year=" + year);
            peak = footprint.peakMiB().getOrDefault("registration", before);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (answer.statusCode() != 200) {
            throw new IOException("importing a list of " + rows + " items answered " + answer.statusCode() + ": " + abbreviated(answer.body()));
        }
        int filed = BenchHttp.Json.MAPPER.readTree(answer.body()).path("filed").asInt();
        if (filed != rows) {
            throw new IOException("importing a list of " + rows + " items filed " + filed);
        }
        return new Measured("import", rows, workbook.length, seconds, before, Math.max(before, peak));
    }

    /** Imports items {@code from} to {@code from + count} of {@code workbook}; answers how many it filed. */
    public int importPart(byte[] workbook, int from, int count, int year) throws IOException, InterruptedException {
        HttpResponse<String> answer = upload(workbook, "region=" + CommandWorkload.REGION + "&year=" + year + "&from=" + from + "&count=" + count);
        if (answer.statusCode() != 200) {
            throw new IOException("importing items " + from + "-" + (from + count) + " answered " + answer.statusCode() + ": "
                    + abbreviated(answer.body()));
        }
        return BenchHttp.Json.MAPPER.readTree(answer.body()).path("filed").asInt();
    }

    /** Downloads the year's ledger as a workbook, as the office of the region. */
    public Measured exportLedger(long tasks, long queryPid, int year) throws IOException, InterruptedException {
        double before = Footprint.nowMiB(Map.of("query", queryPid)).get("query");
        long begin = System.nanoTime();
        long bytes = 0;
        int status;
        double peak;
        try (Footprint footprint = new Footprint(Map.of("query", queryPid), SAMPLE).start()) {
            HttpRequest request = HttpRequest.newBuilder(http.query().resolve("api/ledger?year=" + year))
                    .timeout(Duration.ofMinutes(30))
                    .header("Authorization", "Bearer " + http.tokens().office())
                    .header("Accept", XLSX).GET().build();
            HttpResponse<InputStream> answer = http.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            status = answer.statusCode();
            try (InputStream body = answer.body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                    bytes += read;
                }
            }
            peak = footprint.peakMiB().getOrDefault("query", before);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (status != 200) {
            throw new IOException("the ledger export answered " + status);
        }
        return new Measured("export", tasks, bytes, seconds, before, Math.max(before, peak));
    }

    private HttpResponse<String> upload(byte[] workbook, String query) throws IOException, InterruptedException {
        String boundary = "bench-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(workbook.length + 512);
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.xlsx\"\r\n"
                + "Content-Type: " + XLSX + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(workbook);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(http.registration().resolve("api/lists/import?" + query))
                .timeout(Duration.ofHours(2))
                .header("Authorization", "Bearer " + http.tokens().office())
                .header("Accept", "application/json, application/problem+json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return http.client().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String abbreviated(String text) {
        return text == null ? "" : text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }
}
