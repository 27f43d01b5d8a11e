package org.duallist.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirStateTest {

    @TempDir
    Path dataDir;

    @Test
    void passwords_are_generated_once_and_kept() throws Exception {
        Path file = dataDir.resolve("stack.properties");
        String query = StackProperties.load(file).passwordOf(ServiceDefinition.QUERY);
        String registration = StackProperties.load(file).passwordOf(ServiceDefinition.REGISTRATION);

        assertThat(query).hasSize(24).matches("[A-Za-z0-9]+").isNotEqualTo(registration);
        assertThat(StackProperties.load(file).passwordOf(ServiceDefinition.QUERY)).isEqualTo(query);
        String queryOwner = StackProperties.load(file).ownerPasswordOf(ServiceDefinition.QUERY);
        assertThat(queryOwner).hasSize(24).isNotEqualTo(query);
        assertThat(StackProperties.load(file).ownerPasswordOf(ServiceDefinition.QUERY)).isEqualTo(queryOwner);
        assertThat(StackProperties.load(file).passwordOf(ServiceDefinition.QUERY)).isEqualTo(query);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void a_second_launcher_on_the_same_data_dir_learns_pid_and_urls_of_the_first() throws Exception {
        try (DataDirLock first = DataDirLock.acquire(dataDir, List.of("query http://127.0.0.1:8080", "kafka 127.0.0.1:19092"))) {
            assertThatThrownBy(() -> DataDirLock.acquire(dataDir, List.of()))
                    .isInstanceOfSatisfying(AlreadyRunningException.class, e -> {
                        assertThat(e.pid()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
                        assertThat(e.urls()).containsExactly("query http://127.0.0.1:8080", "kafka 127.0.0.1:19092");
                        assertThat(e.getMessage()).startsWith("Dual List is already running (pid ");
                    });
        }
        DataDirLock.acquire(dataDir, List.of()).close(); // released
    }

    @Test
    void the_tail_of_a_log_is_its_last_lines() throws Exception {
        Path log = dataDir.resolve("x.log");
        Files.writeString(log, "a\nb\nc\nd\n");

        assertThat(ChildProcess.tail(log, 2)).isEqualTo("c" + System.lineSeparator() + "d");
        assertThat(ChildProcess.tail(dataDir.resolve("none.log"), 2)).startsWith("(no log");
    }
}
