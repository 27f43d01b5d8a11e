package org.duallist.query.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The demo's users and their tokens, so that the dashboard of the local stack offers them to sign
 * in with. Only where the launcher wrote them ({@code dual-list.demo-users-file}); 404 in every
 * deployment, which verifies tokens of a real issuer and has no demo.
 */
@jakarta.ws.rs.Path("/local/demo-users")
@PermitAll
@Tag(name = "Local stack", description = "The local stack only")
public class DemoUsersResource {

    private final Optional<String> file;

    DemoUsersResource(@ConfigProperty(name = "dual-list.demo-users-file") Optional<String> file) {
        this.file = file;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The demo's users with tokens (local stack only): [{label, role, region, token}]")
    public String users() {
        java.nio.file.Path users = file.map(java.nio.file.Path::of).filter(Files::isRegularFile)
                .orElseThrow(() -> new NotFoundException("no demo users here: this is not the local stack"));
        try {
            return Files.readString(users, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
