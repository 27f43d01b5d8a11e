package org.duallist.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Resident memory of processes, from {@code /proc/PID/status} (VmRSS), sampled while a workload runs. */
public final class Footprint implements AutoCloseable {

    private final Map<String, Long> pids;
    private final Map<String, Long> peakKiB = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean sampling = true;

    public Footprint(Map<String, Long> pids) {
        this(pids, java.time.Duration.ofMillis(500));
    }

    /** Samples every {@code every} (a request of a few seconds is sampled more often than a whole workload). */
    public Footprint(Map<String, Long> pids, java.time.Duration every) {
        this.pids = Map.copyOf(pids);
        long pause = every.toMillis();
        this.sampler = new Thread(() -> {
            while (sampling) {
                pids.forEach((name, pid) -> peakKiB.merge(name, rssKiB(pid), Math::max));
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-rss-sampler");
        sampler.setDaemon(true);
    }

    public Footprint start() {
        sampler.start();
        return this;
    }

    /** The highest RSS seen per process, in MiB. */
    public Map<String, Double> peakMiB() {
        Map<String, Double> peaks = new java.util.TreeMap<>();
        peakKiB.forEach((name, kib) -> peaks.put(name, kib / 1024.0));
        return peaks;
    }

    /** RSS of each process now, in MiB. */
    public static Map<String, Double> nowMiB(Map<String, Long> pids) {
        Map<String, Double> now = new java.util.TreeMap<>();
        pids.forEach((name, pid) -> now.put(name, rssKiB(pid) / 1024.0));
        return now;
    }

    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        sampling = false;
        sampler.interrupt();
    }
}
