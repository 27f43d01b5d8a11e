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
