package org.duallist.local;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One child process of the launcher (a broker or a service): stdout and stderr appended to a log
 * file, its pid in {@code <data>/run/<name>.pid} so that a later launcher can end an orphan (left
 * behind when a launcher is killed with SIGKILL).
 *
 * <p>The child ignores SIGINT: a Ctrl-C in the terminal reaches the whole foreground process group,
 * and the launcher, not the terminal, decides the order of shutdown (services, then Kafka, then
 * PostgreSQL). A JVM started with SIGINT ignored keeps it ignored; SIGTERM still stops it gracefully.
 */
final class ChildProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workingDir;
    private final Path logFile;
    private final Path pidFile;
    private final String commandMarker;

    private volatile Process process;
    private volatile boolean stopRequested;
    private volatile BiConsumer<String, Integer> unexpectedExitListener = (n, code) -> { };

    ChildProcess(String name, List<String> command, Map<String, String> environment, Path workingDir, Path logFile,
                 Path runDir, String commandMarker) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = new LinkedHashMap<>(environment);
        this.workingDir = workingDir;
        this.logFile = logFile;
        this.pidFile = runDir.resolve(name + ".pid");
        this.commandMarker = commandMarker;
    }

    /** The command line it runs. */
    List<String> command() {
        return command;
    }

    void onUnexpectedExit(BiConsumer<String, Integer> listener) {
        this.unexpectedExitListener = listener;
    }

    synchronized void launch() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        killOrphan(pidFile, commandMarker);
        Files.createDirectories(logFile.getParent());
        Files.createDirectories(workingDir);
        Files.createDirectories(pidFile.getParent());
        Files.writeString(logFile, "==== " + Instant.now() + " launcher starts " + name + ": "
                        + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        List<String> wrapped = new ArrayList<>();
        wrapped.add("/bin/sh");
        wrapped.add("-c");
        wrapped.add("trap '' INT; exec \"$@\"");
        wrapped.add(name); // $0
        wrapped.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(wrapped)
                .directory(workingDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        stopRequested = false;
        Process started = builder.start();
        process = started;
        Files.writeString(pidFile, started.pid() + " " + startMillis(started.toHandle()) + System.lineSeparator(),
                StandardCharsets.UTF_8);
        started.onExit().thenAccept(p -> {
            if (!stopRequested) {
                unexpectedExitListener.accept(name, p.exitValue());
            }
        });
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL; the same for any descendant left. */
    synchronized void stop(Duration grace) {
        Process current = process;
        if (current == null) {
            return;
        }
        stopRequested = true;
        List<ProcessHandle> descendants = new ArrayList<>(current.descendants().toList());
        current.destroy();
        try {
            if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                descendants.addAll(current.descendants().toList());
                System.err.printf("%s did not stop within %d s after SIGTERM: killing it%n", name, grace.toSeconds());
                current.destroyForcibly();
                current.waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle descendant : descendants) {
                if (descendant.isAlive()) {
                    descendant.destroy();
                    try {
                        descendant.onExit().get(5, TimeUnit.SECONDS);
                    } catch (Exception timeout) {
                        descendant.destroyForcibly();
                    }
                }
            }
        } catch (InterruptedException e) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deletePidFile();
    }

    /** SIGKILL, as a crash would (for fault tests). */
    synchronized void kill() {
        Process current = process;
        if (current == null) {
            return;
        }
        stopRequested = true;
        List<ProcessHandle> descendants = current.descendants().toList();
        current.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            current.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deletePidFile();
    }

    boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    Optional<Long> pid() {
        Process current = process;
        return current == null ? Optional.empty() : Optional.of(current.pid());
    }

    /** The exit code if the process has ended. */
    Optional<Integer> exitCode() {
        Process current = process;
        return current == null || current.isAlive() ? Optional.empty() : Optional.of(current.exitValue());
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is checked against the process start time anyway
        }
    }

    private static long startMillis(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /**
     * Ends a process that a previous launcher started and left behind, if the pid file names one that
     * still runs: same pid, same start time, and the expected command.
     */
    static void killOrphan(Path pidFile, String commandMarker) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String[] fields = Files.readString(pidFile, StandardCharsets.UTF_8).trim().split("\\s+");
        Files.deleteIfExists(pidFile);
        if (fields.length < 2) {
            return;
        }
        long pid;
        long started;
        try {
            pid = Long.parseLong(fields[0]);
            started = Long.parseLong(fields[1]);
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive() || Math.abs(startMillis(handle.get()) - started) > 2_000) {
            return;
        }
        String commandLine = handle.get().info().commandLine().orElse("");
        if (!commandLine.contains(commandMarker)) {
            return;
        }
        System.err.printf("Ending process %d left behind by an earlier launcher: %s%n", pid, commandMarker);
        handle.get().destroy();
        try {
            handle.get().onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.get().destroyForcibly();
        }
    }

    /** The last {@code lines} lines of a log file. */
    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long from = Math.max(0, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
