package org.duallist.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where each process spent its CPU during each workload, from the JFR recordings of a profiled run
 * ({@code dual-list bench --profile}): the method samples (every 10 ms of a running Java thread) of
 * each phase's window, by library and by hottest method.
 *
 * <p>A sample counts for the library of the first frame, from the top, outside the JDK: time in
 * {@code HashMap.get} called by Hibernate is Hibernate's cost, which is what a reader can change.
 */
public final class BenchProfile {

    /** A workload's time window. */
    public record Phase(String name, Instant start, Instant end) {
        boolean contains(Instant time) {
            return !time.isBefore(start) && time.isBefore(end);
        }
    }

    /** One process's samples in one phase. */
    public record Hotspots(long samples, Map<String, Long> byLibrary, Map<String, Long> topMethods) {
    }

    static final int TOP_METHODS = 8;

    /** Library by class-name prefix, most specific first. */
    private static final List<Map.Entry<String, String>> LIBRARIES = List.of(
            Map.entry("org.duallist.", "Dual List"),
            Map.entry("org.postgresql.", "PostgreSQL JDBC"),
            Map.entry("org.hibernate.", "Hibernate ORM"),
            Map.entry("io.agroal.", "Agroal pool"),
            Map.entry("org.axonframework.", "Axon"),
            Map.entry("org.apache.kafka.", "Kafka"),
            Map.entry("kafka.", "Kafka"),
            Map.entry("com.fasterxml.jackson.", "Jackson"),
            Map.entry("io.netty.", "Vert.x/Netty"),
            Map.entry("io.vertx.", "Vert.x/Netty"),
            Map.entry("io.opentelemetry.", "OpenTelemetry"),
            Map.entry("io.quarkus.opentelemetry.", "OpenTelemetry"),
            Map.entry("io.micrometer.", "Micrometer"),
            Map.entry("io.smallrye.jwt.", "JWT"),
            Map.entry("org.jose4j.", "JWT"),
            Map.entry("org.jboss.resteasy.", "Quarkus REST"),
            Map.entry("io.quarkus.resteasy.", "Quarkus REST"),
            Map.entry("com.arjuna.", "Narayana JTA"),
            Map.entry("io.quarkus.narayana.", "Narayana JTA"),
            Map.entry("org.jboss.logmanager.", "Logging"),
            Map.entry("org.jboss.logging.", "Logging"),
            Map.entry("org.flywaydb.", "Flyway"),
            Map.entry("io.quarkus.", "Quarkus"),
            Map.entry("io.smallrye.", "Quarkus"),
            Map.entry("org.jboss.", "Quarkus"),
            Map.entry("org.apache.poi.", "Apache POI"),
            Map.entry("org.apache.xmlbeans.", "Apache POI"),
            Map.entry("com.lmax.", "Axon"),
            Map.entry("org.slf4j.", "Logging"),
            Map.entry("org.apache.logging.", "Logging"));

    private BenchProfile() {
    }

    /**
     * Reads every recording under {@code dir} ({@code <component>/*.jfr}) and answers, per phase and
     * component, the samples that fall in the phase's window.
     */
    public static Map<String, Map<String, Hotspots>> summarize(Path dir, List<Phase> phases) throws IOException {
        Map<String, Map<String, Counter>> counters = new LinkedHashMap<>();
        phases.forEach(phase -> counters.put(phase.name(), new TreeMap<>()));
        try (Stream<Path> components = Files.list(dir)) {
            for (Path component : components.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(component)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".jfr")).sorted().toList()) {
                        read(file, component.getFileName().toString(), phases, counters);
                    }
                }
            }
        }
        Map<String, Map<String, Hotspots>> summary = new LinkedHashMap<>();
        counters.forEach((phase, byComponent) -> {
            Map<String, Hotspots> hotspots = new LinkedHashMap<>();
            byComponent.forEach((component, counter) -> hotspots.put(component, counter.hotspots()));
            summary.put(phase, hotspots);
        });
        return summary;
    }

    private static void read(Path file, String component, List<Phase> phases, Map<String, Map<String, Counter>> counters)
            throws IOException {
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!"jdk.ExecutionSample".equals(event.getEventType().getName())) {
                    continue;
                }
                Instant time = event.getStartTime();
                for (Phase phase : phases) {
                    if (phase.contains(time)) {
                        counters.get(phase.name()).computeIfAbsent(component, c -> new Counter()).add(event.getStackTrace());
                    }
                }
            }
        }
    }

    /** The library a sample is charged to: that of the topmost frame outside the JDK. */
    static String libraryOf(List<String> classNamesFromTop) {
        for (String className : classNamesFromTop) {
            if (isJdk(className)) {
                continue;
            }
            for (Map.Entry<String, String> library : LIBRARIES) {
                if (className.startsWith(library.getKey())) {
                    return library.getValue();
                }
            }
            return "other";
        }
        return "JDK";
    }

    private static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.");
    }

    private static final class Counter {
        long samples;
        final Map<String, Long> byLibrary = new HashMap<>();
        final Map<String, Long> byMethod = new HashMap<>();

        void add(RecordedStackTrace stack) {
            if (stack == null || stack.getFrames().isEmpty()) {
                return;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            List<String> classNames = new ArrayList<>(frames.size());
            for (RecordedFrame frame : frames) {
                classNames.add(frame.getMethod().getType().getName());
            }
            byLibrary.merge(libraryOf(classNames), 1L, Long::sum);
            RecordedFrame top = frames.get(0);
            String type = top.getMethod().getType().getName();
            byMethod.merge(type.substring(type.lastIndexOf('.') + 1) + "." + top.getMethod().getName(), 1L, Long::sum);
        }

        Hotspots hotspots() {
            return new Hotspots(samples, descending(byLibrary, Integer.MAX_VALUE), descending(byMethod, TOP_METHODS));
        }

        private static Map<String, Long> descending(Map<String, Long> counts, int limit) {
            Map<String, Long> sorted = new LinkedHashMap<>();
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                    .limit(limit)
                    .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
            return sorted;
        }
    }
}
