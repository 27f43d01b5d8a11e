package org.duallist.registration.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.duallist.platform.rest.Problem;
import org.duallist.platform.time.BusinessClock;
import org.duallist.registration.command.DeclineTaskCommand;
import org.duallist.registration.command.FileTaskCommand;
import org.duallist.registration.command.RegisterTaskCommand;
import org.duallist.registration.command.TaskView;
import org.duallist.registration.query.TaskStateLookup;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Filing and registering dual-list items (需求提报, 立项交办). Blocking methods: Quarkus REST runs
 * them on worker threads, where waiting for the command's outcome is allowed.
 */
@Path("/api/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Registration (立项登记)", description = "需求提报, 立项交办, 不予立项")
public class TaskResource {

    private final CommandGateway commands;
    private final TaskStateLookup tasks;
    private final BusinessClock clock;

    TaskResource(CommandGateway commands, TaskStateLookup tasks, BusinessClock clock) {
        this.commands = commands;
        this.tasks = tasks;
        this.clock = clock;
    }

    @POST
    @Operation(summary = "需求提报: file a request on a region's dual list")
    @APIResponse(responseCode = "201", description = "Filed; Location names the task",
            content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (each named in errors)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response file(@Valid @NotNull FileTaskRequest request, UriInfo uri) {
        UUID taskId = UUID.randomUUID();
        commands.sendAndWait(new FileTaskCommand(taskId, request.list(), request.regionCode(), request.year(),
                request.title().strip(), request.content().strip(), request.category(), request.requesterUnit().strip(),
                request.contactName().strip(), request.contactPhone(), clock.now()));
        return Response.created(uri.getBaseUriBuilder().path("api/tasks").path(taskId.toString()).build())
                .entity(tasks.find(taskId))
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The task as registration knows it now (read-your-writes)")
    @APIResponse(responseCode = "404", description = "No such task",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TaskView get(@PathParam("id") UUID id) {
        return tasks.find(id);
    }

    @POST
    @Path("/{id}/registration")
    @Operation(summary = "立项交办: register the request and assign it to a responsible unit with a deadline")
    @APIResponse(responseCode = "200", description = "Registered",
            content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, e.g. a deadline in the past",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such task",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The task is not awaiting registration, or was changed concurrently",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TaskView register(@PathParam("id") UUID id, @Valid @NotNull RegisterTaskRequest request) {
        commands.sendAndWait(new RegisterTaskCommand(id, request.responsibleUnit().strip(),
                request.coUnits() == null ? null : request.coUnits().stream().map(String::strip).toList(),
                request.deadline(), request.qualityRequirement().strip(), clock.now()));
        return tasks.find(id);
    }

    @POST
    @Path("/{id}/decline")
    @Operation(summary = "不予立项: decline the request, with a reason")
    @APIResponse(responseCode = "200", description = "Declined",
            content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "409", description = "The task is not awaiting registration",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TaskView decline(@PathParam("id") UUID id, @Valid @NotNull DeclineTaskRequest request) {
        commands.sendAndWait(new DeclineTaskCommand(id, request.reason().strip(), clock.now()));
        return tasks.find(id);
    }
}
