package org.duallist.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time used by the stack's processes (user + system, from {@code /proc/PID/stat}), PostgreSQL
 * counted as its postmaster with every backend: on a 2-core machine every process competes for the
 * same cores, so the CPU a command costs in each of them says where the throughput goes.
 */
public final class CpuTimes {

    /** Clock ticks per second of {@code /proc/PID/stat} (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> pids;
    private final long postmasterPid;

    /** @param postmasterPid PostgreSQL's postmaster, or -1 to leave PostgreSQL out */
    public CpuTimes(Map<String, Long> pids, long postmasterPid) {
        this.pids = Map.copyOf(pids);
        this.postmasterPid = postmasterPid;
    }

    /** Cumulative CPU seconds of each process now. */
    public Map<String, Double> now() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        new java.util.TreeMap<>(pids).forEach((name, pid) -> seconds.put(name, ticks(pid) / TICKS_PER_SECOND));
        if (postmasterPid > 0) {
            long total = ticks(postmasterPid) + ProcessHandle.of(postmasterPid).stream()
                    .flatMap(ProcessHandle::children).mapToLong(child -> ticks(child.pid())).sum();
            seconds.put("postgresql", total / TICKS_PER_SECOND);
        }
        return seconds;
    }

    /**
     * Cumulative CPU seconds of each Java process's just-in-time compiler threads now ({@code C1/C2
     * CompilerThread}): a JVM compiles the code it runs often for its first minutes of load, and a
     * short measurement pays for that beside the commands.
     */
    public Map<String, Double> compilingNow() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        new java.util.TreeMap<>(pids).forEach((name, pid) -> seconds.put(name, compilerTicks(pid) / TICKS_PER_SECOND));
        return seconds;
    }

    private static long compilerTicks(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (var threads = Files.list(tasks)) {
            return threads.map(thread -> readStat(thread.resolve("stat")))
                    .flatMap(Optional::stream)
                    .filter(CpuTimes::isCompilerThread)
                    .mapToLong(CpuTimes::userPlusSystemTicks).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0; // the process ended
        }
    }

    /** HotSpot names them "C1 CompilerThread0", "C2 CompilerThread1", ...; the kernel keeps 15 characters. */
    static boolean isCompilerThread(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return false;
        }
        String name = stat.substring(open + 1, close);
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
    }

    /** Cores used by each process between two snapshots taken {@code wallSeconds} apart. */
    public static Map<String, Double> coresBetween(Map<String, Double> before, Map<String, Double> after, double wallSeconds) {
        Map<String, Double> cores = new LinkedHashMap<>();
        after.forEach((name, seconds) -> cores.put(name, Math.max(0, seconds - before.getOrDefault(name, seconds)) / wallSeconds));
        return cores;
    }

    static long ticks(long pid) {
        return readStat(Path.of("/proc", Long.toString(pid), "stat")).map(CpuTimes::userPlusSystemTicks).orElse(0L);
    }

    /** utime and stime are fields 14 and 15; the command name (field 2) may hold spaces, so count after its ')'. */
    static long userPlusSystemTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static Optional<String> readStat(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
