package org.duallist.progress.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.duallist.platform.identity.Caller;
import org.duallist.platform.rest.IdempotentRequests;
import org.duallist.platform.rest.Problem;
import org.duallist.platform.time.BusinessClock;
import org.duallist.progress.command.AcceptCompletionCommand;
import org.duallist.progress.command.Assignment;
import org.duallist.progress.command.RaiseObstacleCommand;
import org.duallist.progress.command.RateTaskCommand;
import org.duallist.progress.command.RejectCompletionCommand;
import org.duallist.progress.command.ReportCompletionCommand;
import org.duallist.progress.command.ReportProgressCommand;
import org.duallist.progress.command.ResolveObstacleCommand;
import org.duallist.progress.query.AssignmentLookup;
import org.duallist.progress.rest.ProgressRequests.CompletionReport;
import org.duallist.progress.rest.ProgressRequests.ObstacleReport;
import org.duallist.progress.rest.ProgressRequests.ObstacleResolution;
import org.duallist.progress.rest.ProgressRequests.ProgressReport;
import org.duallist.progress.rest.ProgressRequests.Rating;
import org.duallist.progress.rest.ProgressRequests.Rejection;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The work on a task (办理): reports by the responsible unit, acceptance and rating by the requester. */
@Path("/api/tasks/{id}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Progress (办理进度)", description = "进度反馈, 困难问题, 办结反馈, 验收, 评议")
@APIResponse(responseCode = "403", description = "Not the responsible or requester unit the step needs",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "409", description = "The task is not in a state that allows the step",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ProgressResource {

    private final CommandGateway commands;
    private final AssignmentLookup assignments;
    private final BusinessClock clock;
    private final Caller caller;
    private final IdempotentRequests idempotency;
    private final ObjectMapper json;

    ProgressResource(CommandGateway commands, AssignmentLookup assignments, BusinessClock clock, Caller caller,
                     IdempotentRequests idempotency, ObjectMapper json) {
        this.commands = commands;
        this.assignments = assignments;
        this.clock = clock;
        this.caller = caller;
        this.idempotency = idempotency;
        this.json = json;
    }

    @POST
    @Path("/progress")
    @Operation(summary = "进度反馈: the responsible unit reports percent done; going back needs a reason")
    public Response reportProgress(@PathParam("id") UUID id, @Valid @NotNull ProgressReport request, UriInfo uri,
                                   @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return send(id, idempotencyKey, uri, request, assignment -> new ReportProgressCommand(id, request.percent(),
                request.narrative().strip(), request.nextStepDate(), request.decreaseReason(), assignment, clock.now(), caller.actor()));
    }

    @POST
    @Path("/obstacles")
    @Operation(summary = "困难问题: the responsible unit raises an obstacle that needs coordination; answers its id")
    public Response raiseObstacle(@PathParam("id") UUID id, @Valid @NotNull ObstacleReport request, UriInfo uri,
                                  @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        UUID obstacleId = UUID.randomUUID();
        return send(id, idempotencyKey, uri, request, assignment -> new RaiseObstacleCommand(id, obstacleId,
                request.description().strip(), assignment, clock.now(), caller.actor()), Map.of("obstacleId", obstacleId));
    }

    @POST
    @Path("/obstacles/{obstacleId}/resolution")
    @Operation(summary = "Resolve an obstacle (the responsible unit or the office)")
    public Response resolveObstacle(@PathParam("id") UUID id, @PathParam("obstacleId") UUID obstacleId,
                                    @Valid @NotNull ObstacleResolution request, UriInfo uri,
                                    @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return send(id, idempotencyKey, uri, request, assignment -> new ResolveObstacleCommand(id, obstacleId,
                request.resolution().strip(), assignment, clock.now(), caller.actor()));
    }

    @POST
    @Path("/completion")
    @Operation(summary = "办结反馈: the responsible unit reports the task done, with evidence links")
    public Response reportCompletion(@PathParam("id") UUID id, @Valid @NotNull CompletionReport request, UriInfo uri,
                                     @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return send(id, idempotencyKey, uri, request, assignment -> new ReportCompletionCommand(id, request.summary().strip(),
                request.evidenceLinks(), assignment, clock.now(), caller.actor()));
    }

    @POST
    @Path("/acceptance")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "验收通过: the requester unit accepts the reported completion")
    public Response accept(@PathParam("id") UUID id, UriInfo uri, @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return send(id, idempotencyKey, uri, Map.of(), assignment -> new AcceptCompletionCommand(id, assignment, clock.now(), caller.actor()));
    }

    @POST
    @Path("/rejection")
    @Operation(summary = "验收不通过: the requester unit rejects the completion with reasons; the work goes on")
    public Response reject(@PathParam("id") UUID id, @Valid @NotNull Rejection request, UriInfo uri,
                           @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return send(id, idempotencyKey, uri, request, assignment -> new RejectCompletionCommand(id, request.reasons().strip(),
                assignment, clock.now(), caller.actor()));
    }

    @POST
    @Path("/rating")
    @Operation(summary = "评议: the requester unit rates the accepted result, 1 to 5")
    public Response rate(@PathParam("id") UUID id, @Valid @NotNull Rating request, UriInfo uri,
                         @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return send(id, idempotencyKey, uri, request, assignment -> new RateTaskCommand(id, request.score(),
                request.comment(), assignment, clock.now(), caller.actor()));
    }

    private Response send(UUID id, String idempotencyKey, UriInfo uri, Object request, Function<Assignment, Object> command) {
        return send(id, idempotencyKey, uri, request, command, Map.of());
    }

    /** Judges the command against the task's registration as this service knows it, once per Idempotency-Key. */
    private Response send(UUID id, String idempotencyKey, UriInfo uri, Object request, Function<Assignment, Object> command,
                          Map<String, Object> extra) {
        return idempotency.execute(idempotencyKey, caller.actor().user(), "POST " + uri.getPath() + " " + json(request), () -> {
            commands.sendAndWait(command.apply(assignments.find(id)));
            Map<String, Object> body = new java.util.LinkedHashMap<>(extra);
            body.put("taskId", id);
            return Response.ok(body).build();
        });
    }

    private String json(Object request) {
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
