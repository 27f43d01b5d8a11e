package org.duallist.platform.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import org.duallist.platform.time.BusinessClock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Moves business time in the local stack and in tests (the demo files last season's items this
 * way). Answers 404 wherever the clock is fixed to real time, as in every deployment.
 */
@Path("/admin/clock")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Business clock (业务时钟)", description = "Local stack and tests only")
public class ClockResource {

    private final BusinessClock clock;

    ClockResource(BusinessClock clock) {
        this.clock = clock;
    }

    public record ClockState(Instant now, LocalDate today, String zone, long offsetSeconds) {
    }

    public record MoveClockRequest(@NotNull Instant now) {
    }

    @GET
    @Operation(summary = "Business time now")
    public ClockState read() {
        return state();
    }

    @PUT
    @Operation(summary = "Move business time to the given instant; it runs on from there")
    public ClockState move(@Valid @NotNull MoveClockRequest request) {
        requireAdjustable();
        clock.moveTo(request.now());
        return state();
    }

    @DELETE
    @Operation(summary = "Back to real time")
    public ClockState reset() {
        requireAdjustable();
        clock.reset();
        return state();
    }

    private void requireAdjustable() {
        if (!clock.isAdjustable()) {
            throw new NotFoundException("the business clock is fixed here");
        }
    }

    private ClockState state() {
        return new ClockState(clock.now(), clock.today(), BusinessClock.ZONE.getId(), clock.offset().toSeconds());
    }
}
