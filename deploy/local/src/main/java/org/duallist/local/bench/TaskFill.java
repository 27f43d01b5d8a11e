package org.duallist.local.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Brings the query read model to {@code N} tasks through the real event path: lists imported
 * through the registration service's {@code POST /api/lists/import} (each row filed and registered
 * by the service's own commands, stored in its event store, published to Kafka and projected by the
 * query service), files of at most {@link #FILE_ROWS} items, each imported in parts of
 * {@link #PART} items by {@link #PARALLEL} requests at once (one request files its rows one after
 * the other). Then it waits until the office sees all {@code N} in the query API.
 */
public final class TaskFill {

    static final int FILE_ROWS = 20_000;
    public static final int PART = 500;
    public static final int PARALLEL = 8;
    private static final Duration STALLED = Duration.ofMinutes(5);

    private final BenchHttp http;
    private final Spreadsheets spreadsheets;
    private final long seed;
    private final PrintStream console;
    private int files;

    public TaskFill(BenchHttp http, long seed, PrintStream console) {
        this.http = http;
        this.spreadsheets = new Spreadsheets(http);
        this.seed = seed;
        this.console = console;
    }

    /**
     * A fill: tasks before, imported, the seconds until the last import was answered, and the
     * seconds and tasks/s from the first import to the read model holding them all.
     */
    public record Filled(long target, long before, long imported, double importSeconds, double seconds, double tasksPerSecond) {
    }

    /** The list of {@code rows} items of the next file. */
    public byte[] nextWorkbook(int rows) throws IOException {
        files++;
        return ListWorkbook.write("B" + seed + "-" + files, rows, today(), seed * 1_000 + files);
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    /**
     * Imports until the read model holds {@code target} tasks, and waits for it.
     *
     * @param before           the tasks the read model held when the fill began
     * @param alreadyImported  items imported since then by the caller (the spreadsheet workload's list)
     * @param beginNanos       when the fill began
     */
    public Filled fillTo(long target, long before, long alreadyImported, long beginNanos) throws IOException, InterruptedException {
        long missing = target - before - alreadyImported;
        long imported = alreadyImported;
        ExecutorService parts = Executors.newFixedThreadPool(PARALLEL);
        try {
            while (missing > 0) {
                int rows = (int) Math.min(FILE_ROWS, missing);
                byte[] workbook = nextWorkbook(rows);
                AtomicLong done = new AtomicLong();
                List<Future<Integer>> pending = new ArrayList<>();
                for (int from = 0; from < rows; from += PART) {
                    int start = from;
                    int count = Math.min(PART, rows - from);
                    pending.add(parts.submit(() -> {
                        int filed = spreadsheets.importPart(workbook, start, count, today().getYear());
                        long sum = done.addAndGet(filed);
                        console.printf(Locale.ROOT, "\r  imported %,d of %,d items of list %d   ", sum, rows, files);
                        return filed;
                    }));
                }
                for (Future<Integer> part : pending) {
                    try {
                        imported += part.get();
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                    }
                }
                missing -= rows;
                console.println();
            }
        } finally {
            parts.shutdownNow();
        }
        double importSeconds = (System.nanoTime() - beginNanos) / 1e9;
        awaitReadModel(target);
        double seconds = (System.nanoTime() - beginNanos) / 1e9;
        return new Filled(target, before, imported, importSeconds, seconds, imported / seconds);
    }

    /** Waits until the office sees {@code target} tasks, failing when the count stops growing for {@link #STALLED}. */
    public void awaitReadModel(long target) throws IOException, InterruptedException {
        long seen = http.tasksInReadModel();
        long lastGrowth = System.nanoTime();
        while (seen < target) {
            console.printf(Locale.ROOT, "\r  query read model: %,d of %,d tasks   ", seen, target);
            Thread.sleep(500);
            long now = http.tasksInReadModel();
            if (now > seen) {
                lastGrowth = System.nanoTime();
            } else if (System.nanoTime() - lastGrowth > STALLED.toNanos()) {
                throw new IOException("the query read model stayed at " + now + " of " + target + " tasks for " + STALLED.toMinutes() + " min");
            }
            seen = now;
        }
        console.printf(Locale.ROOT, "\r  query read model: %,d of %,d tasks%n", seen, target);
    }
}
