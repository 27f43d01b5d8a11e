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
import io.quarkus.security.Authenticated;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.Contact;
import org.duallist.platform.domain.AccessDeniedException;
import org.duallist.platform.domain.InvalidFieldsException;
import org.duallist.platform.identity.Caller;
import org.duallist.platform.identity.ReadAccess;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HeaderParam;
import org.duallist.platform.rest.IdempotentRequests;
import org.duallist.platform.rest.Problem;
import org.duallist.platform.time.BusinessClock;
import java.util.function.Supplier;
import org.duallist.registration.command.AmendTaskCommand;
import org.duallist.registration.command.ApproveExtensionCommand;
import org.duallist.registration.command.ReopenTaskCommand;
import org.duallist.registration.command.ClaimTaskCommand;
import org.duallist.registration.command.CloseTaskCommand;
import org.duallist.registration.query.AcceptanceLookup;
import org.duallist.registration.command.RefuseExtensionCommand;
import org.duallist.registration.command.RequestExtensionCommand;
import org.duallist.registration.command.DeclineTaskCommand;
import org.duallist.registration.command.ReassignTaskCommand;
import org.duallist.registration.command.ReturnTaskCommand;
import org.duallist.registration.command.WithdrawTaskCommand;
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
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Registration (立项登记)", description = "需求提报, 立项交办, 不予立项, 签收, 退回, 改派, 撤销, 延期, 销号")
public class TaskResource {

    private final CommandGateway commands;
    private final TaskStateLookup tasks;
    private final BusinessClock clock;
    private final Caller caller;
    private final IdempotentRequests idempotency;
    private final ObjectMapper json;
    private final AcceptanceLookup acceptance;

    TaskResource(CommandGateway commands, TaskStateLookup tasks, BusinessClock clock, Caller caller,
                 IdempotentRequests idempotency, ObjectMapper json, AcceptanceLookup acceptance) {
        this.acceptance = acceptance;
        this.commands = commands;
        this.tasks = tasks;
        this.clock = clock;
        this.caller = caller;
        this.idempotency = idempotency;
        this.json = json;
    }

    private TaskView readable(TaskView task) {
        if (!ReadAccess.mayRead(caller.actor(), task.regionCode(), task.requesterUnit(), task.responsibleUnit(), task.coUnits())) {
            throw new AccessDeniedException("a unit reads only the tasks it requested or is (co-)responsible for; "
                    + "offices and leaders only those in their region");
        }
        return task;
    }

    @POST
    @Operation(summary = "需求提报: file a request on a region's dual list")
    @APIResponse(responseCode = "201", description = "Filed; Location names the task",
            content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (each named in errors)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response file(@Valid @NotNull FileTaskRequest request, UriInfo uri,
                         @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotency.execute(idempotencyKey, caller.actor().user(), "POST " + uri.getPath() + " " + json(request),
                () -> fileTask(request, uri));
    }

    private Response fileTask(FileTaskRequest request, UriInfo uri) {
        UUID taskId = UUID.randomUUID();
        String requesterUnit = request.requesterUnit() == null || request.requesterUnit().isBlank()
                ? caller.actor().unit() : request.requesterUnit().strip();
        if (requesterUnit == null && caller.actor().role() == ActorRole.OFFICE) {
            throw new InvalidFieldsException("requesterUnit", "is required when the office files on a unit's behalf");
        }
        commands.sendAndWait(new FileTaskCommand(taskId, request.list(), request.regionCode(), request.year(),
                request.title().strip(), request.content().strip(), request.category(), requesterUnit,
                new Contact(request.contactName().strip(), request.contactPhone()), clock.now(), caller.actor()));
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
        return readable(tasks.find(id));
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
    public Response register(@PathParam("id") UUID id, @Valid @NotNull RegisterTaskRequest request, UriInfo uri,
                             @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return changeTask(id, idempotencyKey, uri, json(request),
                () -> new RegisterTaskCommand(id, request.responsibleUnit().strip(),
                        request.coUnits() == null ? null : request.coUnits().stream().map(String::strip).toList(),
                        request.deadline(), request.qualityRequirement().strip(), clock.now(), caller.actor()));
    }

    @POST
    @Path("/{id}/decline")
    @Operation(summary = "不予立项: decline the request, with a reason")
    @APIResponse(responseCode = "200", description = "Declined",
            content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "409", description = "The task is not awaiting registration",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response decline(@PathParam("id") UUID id, @Valid @NotNull ReasonRequest request, UriInfo uri,
                            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return changeTask(id, idempotencyKey, uri, json(request),
                () -> new DeclineTaskCommand(id, request.reason().strip(), clock.now(), caller.actor()));
    }

    @POST
    @Path("/{id}/claim")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "签收/认领: the responsible unit claims the task assigned to it")
    @APIResponse(responseCode = "200", description = "Claimed", content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "403", description = "Not the responsible unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The task is not awaiting its claim",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response claim(@PathParam("id") UUID id, UriInfo uri, @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return changeTask(id, idempotencyKey, uri, "", () -> new ClaimTaskCommand(id, clock.now(), caller.actor()));
    }

    @POST
    @Path("/{id}/return")
    @Operation(summary = "退回: the responsible unit sends the task back with a reason, instead of claiming it")
    @APIResponse(responseCode = "200", description = "Returned", content = @Content(schema = @Schema(implementation = TaskView.class)))
    public Response giveBack(@PathParam("id") UUID id, @Valid @NotNull ReasonRequest request, UriInfo uri,
                             @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return changeTask(id, idempotencyKey, uri, json(request),
                () -> new ReturnTaskCommand(id, request.reason().strip(), clock.now(), caller.actor()));
    }

    @POST
    @Path("/{id}/reassignment")
    @Operation(summary = "改派: the office assigns a returned task to another responsible unit")
    @APIResponse(responseCode = "200", description = "Reassigned", content = @Content(schema = @Schema(implementation = TaskView.class)))
    public Response reassign(@PathParam("id") UUID id, @Valid @NotNull ReassignTaskRequest request, UriInfo uri,
                             @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return changeTask(id, idempotencyKey, uri, json(request),
                () -> new ReassignTaskCommand(id, request.responsibleUnit().strip(),
                        request.coUnits() == null ? null : request.coUnits().stream().map(String::strip).toList(),
                        request.deadline(), clock.now(), caller.actor()));
    }

    @POST
    @Path("/{id}/withdrawal")
    @Operation(summary = "撤销: the requester unit withdraws its own request, with a reason")
    @APIResponse(responseCode = "200", description = "Withdrawn", content = @Content(schema = @Schema(implementation = TaskView.class)))
    public Response withdraw(@PathParam("id") UUID id, @Valid @NotNull ReasonRequest request, UriInfo uri,
                             @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return changeTask(id, idempotencyKey, uri, json(request),
                () -> new WithdrawTaskCommand(id, request.reason().strip(), acceptance.acceptances(id), clock.now(), caller.actor()));
    }

    @POST
    @Path("/{id}/closing")
    @Operation(summary = "销号: the office closes the task after the requester accepted its completion")
    @APIResponse(responseCode = "200", description = "Closed", content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "409", description = "The requester has not accepted the completion (yet)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response close(@PathParam("id") UUID id, @Valid @NotNull CloseTaskRequest request, UriInfo uri,
                          @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        String note = request.note() == null ? null : request.note().strip();
        return changeTask(id, idempotencyKey, uri, json(request),
                () -> new CloseTaskCommand(id, note, acceptance.acceptances(id), clock.now(), caller.actor()));
    }

    @POST
    @Path("/{id}/amendment")
    @Operation(summary = "修改: amend the title, content or co-units before the responsible unit claims the task",
            description = "Before registration the requester unit or the office amends the wording; once registered, "
                    + "only the office, which may also change the co-units (配合单位).")
    @APIResponse(responseCode = "200", description = "Amended", content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", description = "Nothing changes, or invalid co-units",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The task was claimed already (or is declined, withdrawn …)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response amend(@PathParam("id") UUID id, @Valid @NotNull AmendTaskRequest request, UriInfo uri,
                          @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return changeTask(id, idempotencyKey, uri, json(request),
                () -> new AmendTaskCommand(id, strip(request.title()), strip(request.content()),
                        request.coUnits() == null ? null : request.coUnits().stream().map(String::strip).toList(),
                        request.reason().strip(), clock.now(), caller.actor()));
    }

    @POST
    @Path("/{id}/reopening")
    @Operation(summary = "重新办理: the office reopens a task whose completion was accepted, or a closed one, with a reason",
            description = "The responsible unit works on it again until the requester accepts a new completion; "
                    + "a failed audit (核查未通过) reopens a task the same way, on its own.")
    @APIResponse(responseCode = "200", description = "Reopened", content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "409", description = "The task's completion was not accepted (its work goes on), or it never started",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reopen(@PathParam("id") UUID id, @Valid @NotNull ReopenTaskRequest request, UriInfo uri,
                           @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return changeTask(id, idempotencyKey, uri, json(request),
                () -> new ReopenTaskCommand(id, request.reason().strip(), request.deadline(), null, null,
                        acceptance.acceptances(id), clock.now(), caller.actor()));
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    @POST
    @Path("/{id}/extension-request")
    @Operation(summary = "延期申请: the responsible unit asks, before the deadline, for a later one, with a reason")
    @APIResponse(responseCode = "200", description = "Requested", content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", description = "Asked after the deadline, or a date not after it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response requestExtension(@PathParam("id") UUID id, @Valid @NotNull ExtensionRequest request, UriInfo uri,
                                     @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return changeTask(id, idempotencyKey, uri, json(request),
                () -> new RequestExtensionCommand(id, request.requestedDeadline(), request.reason().strip(), clock.now(), caller.actor()));
    }

    @POST
    @Path("/{id}/extension-approval")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "批准延期: the office approves the pending extension; the deadline moves")
    @APIResponse(responseCode = "200", description = "Approved", content = @Content(schema = @Schema(implementation = TaskView.class)))
    public Response approveExtension(@PathParam("id") UUID id, UriInfo uri,
                                     @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return changeTask(id, idempotencyKey, uri, "", () -> new ApproveExtensionCommand(id, clock.now(), caller.actor()));
    }

    @POST
    @Path("/{id}/extension-refusal")
    @Operation(summary = "驳回延期: the office refuses the pending extension, with a reason")
    @APIResponse(responseCode = "200", description = "Refused", content = @Content(schema = @Schema(implementation = TaskView.class)))
    public Response refuseExtension(@PathParam("id") UUID id, @Valid @NotNull ReasonRequest request, UriInfo uri,
                                    @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return changeTask(id, idempotencyKey, uri, json(request),
                () -> new RefuseExtensionCommand(id, request.reason().strip(), clock.now(), caller.actor()));
    }

    /** Sends a command on one task, once per Idempotency-Key, and answers with the task as it is now. */
    private Response changeTask(UUID id, String idempotencyKey, UriInfo uri, String requestJson, Supplier<Object> command) {
        return idempotency.execute(idempotencyKey, caller.actor().user(), "POST " + uri.getPath() + " " + requestJson,
                () -> {
                    commands.sendAndWait(command.get());
                    return Response.ok(tasks.find(id)).build();
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
