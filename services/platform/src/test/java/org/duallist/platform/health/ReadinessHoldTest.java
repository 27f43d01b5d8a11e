package org.duallist.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessHoldTest {

    @TempDir
    Path dir;

    @Test
    void isDownWhileTheHoldFileExistsAndUpOnceItIsGone() throws Exception {
        Path hold = dir.resolve("readiness.hold");
        Files.writeString(hold, "loading the demo");
        ReadinessHold check = new ReadinessHold(Optional.of(hold.toString()));

        assertThat(check.call().getStatus()).isEqualTo(Status.DOWN);
        assertThat(check.call().getName()).isEqualTo(ReadinessHold.NAME);

        Files.delete(hold);
        assertThat(check.call().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void isUpWithoutTheSetting() {
        assertThat(new ReadinessHold(Optional.empty()).call().getStatus()).isEqualTo(Status.UP);
        assertThat(new ReadinessHold(Optional.of(" ")).call().getStatus()).isEqualTo(Status.UP);
    }
}
