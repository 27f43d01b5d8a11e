package org.duallist.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchProfileTest {

    @TempDir
    Path profiles;

    @Test
    void chargesASampleToTheTopmostLibraryOutsideTheJdk() {
        assertThat(BenchProfile.libraryOf(List.of("java.util.HashMap", "org.hibernate.engine.Flush", "org.duallist.query.X")))
                .isEqualTo("Hibernate ORM");
        assertThat(BenchProfile.libraryOf(List.of("org.postgresql.core.PGStream", "org.hibernate.engine.Flush")))
                .isEqualTo("PostgreSQL JDBC");
        assertThat(BenchProfile.libraryOf(List.of("org.apache.kafka.clients.consumer.KafkaConsumer"))).isEqualTo("Kafka");
        assertThat(BenchProfile.libraryOf(List.of("sun.nio.ch.EPoll", "java.lang.Thread"))).isEqualTo("JDK");
        assertThat(BenchProfile.libraryOf(List.of("java.lang.String", "com.example.Unknown"))).isEqualTo("other");
    }

    @Test
    void countsTheSamplesOfEachPhaseByProcess() throws Exception {
        Instant before = Instant.now();
        Path component = Files.createDirectories(profiles.resolve("registration"));
        Instant start;
        Instant end;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            start = Instant.now();
            long checksum = spin(Duration.ofMillis(600));
            end = Instant.now();
            recording.stop();
            recording.dump(component.resolve("hotspot-pid-1.jfr"));
            assertThat(checksum).isNotZero();
        }

        Map<String, Map<String, BenchProfile.Hotspots>> summary = BenchProfile.summarize(profiles, List.of(
                new BenchProfile.Phase("before", before.minusSeconds(60), before.minusSeconds(30)),
                new BenchProfile.Phase("spinning", start, end)));

        assertThat(summary).containsOnlyKeys("before", "spinning");
        assertThat(summary.get("before")).isEmpty();
        BenchProfile.Hotspots spinning = summary.get("spinning").get("registration");
        assertThat(spinning.samples()).isPositive();
        assertThat(spinning.byLibrary()).containsKey("Dual List");
        assertThat(spinning.byLibrary().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(spinning.samples());
        assertThat(spinning.topMethods()).hasSizeLessThanOrEqualTo(BenchProfile.TOP_METHODS)
                .containsKey("BenchProfileTest.spin");
    }

    private static long spin(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        long x = 1;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        return x | 1;
    }
}
