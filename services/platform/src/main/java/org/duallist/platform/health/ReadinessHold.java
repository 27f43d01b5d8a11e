package org.duallist.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Keeps the service "not ready" while a hold file exists, so that whoever waits on
 * {@code /q/health/ready} (a script, a load balancer) waits until the launcher has finished preparing
 * the stack, e.g. loading the demo data through the service's own API. Without the setting the check is
 * always up, which is what a deployment wants.
 */
@Readiness
@ApplicationScoped
public class ReadinessHold implements HealthCheck {

    /** The health check's name; the launcher recognises it as the only reason to keep waiting. */
    public static final String NAME = "readiness-hold";

    private final Optional<Path> holdFile;

    public ReadinessHold(@ConfigProperty(name = "dual-list.readiness.hold-file") Optional<String> holdFile) {
        this.holdFile = holdFile.filter(path -> !path.isBlank()).map(Path::of);
    }

    @Override
    public HealthCheckResponse call() {
        if (holdFile.isPresent() && Files.exists(holdFile.get())) {
            return HealthCheckResponse.named(NAME).down()
                    .withData("reason", "held by " + holdFile.get() + " until the launcher has prepared the stack")
                    .build();
        }
        return HealthCheckResponse.named(NAME).up().build();
    }
}
