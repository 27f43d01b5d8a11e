package org.duallist.supervision.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.duallist.contracts.Actor;
import org.duallist.platform.domain.AccessDeniedException;
import org.duallist.platform.identity.Caller;
import org.duallist.platform.identity.ReadAccess;
import org.duallist.platform.rest.IdempotentRequests;
import org.duallist.platform.rest.Problem;
import org.duallist.platform.time.BusinessClock;
import org.duallist.supervision.command.IssueSupervisionNoticeCommand;
import org.duallist.supervision.command.RecordAuditCommand;
import org.duallist.supervision.command.RespondToNoticeCommand;
import org.duallist.supervision.command.TaskSnapshot;
import org.duallist.supervision.query.SupervisionQueries;
import org.duallist.supervision.query.SupervisionView;
import org.duallist.supervision.query.TaskFactsLookup;
import org.duallist.supervision.rest.SupervisionRequests.AuditRequest;
import org.duallist.supervision.rest.SupervisionRequests.NoticeRequest;
import org.duallist.supervision.rest.SupervisionRequests.ResponseRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Supervision of a task (督查督办): its lights and notices, the units' responses, the office's audits. */
@Path("/api/tasks/{id}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Supervision (督查督办)", description = "预警 (warning lights), 督办单 (催办, 督办, 专题督办, 提请领导小组), 整改反馈, 核查")
@APIResponse(responseCode = "403", description = "Not the office, unit or reader the step needs",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such task (or notice) is known to the supervision service",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "409", description = "The task or notice is not in a state that allows the step",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SupervisionResource {

    private final CommandGateway commands;
    private final TaskFactsLookup facts;
    private final SupervisionQueries supervision;
    private final BusinessClock clock;
    private final Caller caller;
    private final IdempotentRequests idempotency;
    private final ObjectMapper json;

    SupervisionResource(CommandGateway commands, TaskFactsLookup facts, SupervisionQueries supervision, BusinessClock clock,
                        Caller caller, IdempotentRequests idempotency, ObjectMapper json) {
        this.commands = commands;
        this.facts = facts;
        this.supervision = supervision;
        this.clock = clock;
        this.caller = caller;
        this.idempotency = idempotency;
        this.json = json;
    }

    @GET
    @Path("/supervision")
    @Operation(summary = "督查督办: the task's warning light (预警), its 督办单 with reply dates and 整改反馈, and its audits (核查)",
            description = "Readable by the offices and leaders whose region covers the task, and by its requester, responsible and co-units.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SupervisionView.class)))
    public SupervisionView read(@PathParam("id") UUID id) {
        TaskSnapshot task = facts.find(id);
        Actor reader = caller.actor();
        if (!ReadAccess.mayRead(reader, task.regionCode(), task.requesterUnit(), task.responsibleUnit(), task.coUnits())) {
            throw new AccessDeniedException("only the offices and leaders of the task's region and its requester, responsible "
                    + "and co-units may read its supervision");
        }
        return supervision.find(id, task);
    }

    @POST
    @Path("/notices")
    @Operation(summary = "督办单 by hand: the office of the task's region issues a notice (催办, 督办, 专题督办 or 提请领导小组) "
            + "above the grades issued so far; answers its noticeId",
            description = "Urgent matters may start at a high grade; the schedule's escalation continues above it. "
                    + "The reply date defaults to today + the reply window for 督办 and above.")
    public Response issueNotice(@PathParam("id") UUID id, @Valid @NotNull NoticeRequest request, UriInfo uri,
                                @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return send(id, idempotencyKey, uri, request, task -> new IssueSupervisionNoticeCommand(id, request.grade(),
                request.reason().strip(), request.replyDue(), task, clock.today(), clock.now(), caller.actor()), "noticeId");
    }

    @POST
    @Path("/notices/{noticeId}/response")
    @Operation(summary = "整改反馈: the responsible unit answers a notice that has a reply date, once; answers whether it was late")
    public Response respond(@PathParam("id") UUID id, @PathParam("noticeId") UUID noticeId, @Valid @NotNull ResponseRequest request,
                            UriInfo uri, @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return send(id, idempotencyKey, uri, request, task -> {
            requireNotice(id, noticeId, task);
            return new RespondToNoticeCommand(id, noticeId, request.response().strip(), task, clock.today(), clock.now(),
                    caller.actor());
        }, "late");
    }

    @POST
    @Path("/audits")
    @Operation(summary = "核查/复核: the office of the task's region audits an accepted completion, once; "
            + "FAILED (核查未通过) needs findings and makes registration reopen the task; answers the auditId")
    public Response audit(@PathParam("id") UUID id, @Valid @NotNull AuditRequest request, UriInfo uri,
                          @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        UUID auditId = UUID.randomUUID();
        return send(id, idempotencyKey, uri, request, task -> new RecordAuditCommand(id, auditId, request.outcome(),
                request.findings(), task, clock.now(), caller.actor()), "auditId");
    }

    /** An unknown notice is a 404, as an unknown task is; notices are never removed, so asking first is safe. */
    private void requireNotice(UUID id, UUID noticeId, TaskSnapshot task) {
        boolean known = supervision.find(id, task).notices().stream().anyMatch(n -> n.noticeId().equals(noticeId));
        if (!known) {
            throw new NotFoundException("task " + id + " has no supervision notice " + noticeId);
        }
    }

    /** Judges the command against the task's facts as this service knows them, once per Idempotency-Key. */
    private Response send(UUID id, String idempotencyKey, UriInfo uri, Object request, Function<TaskSnapshot, Object> command,
                          String resultName) {
        return idempotency.execute(idempotencyKey, caller.actor().user(), "POST " + uri.getPath() + " " + json(request), () -> {
            Object result = commands.sendAndWait(command.apply(facts.find(id)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("taskId", id);
            body.put(resultName, result);
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
