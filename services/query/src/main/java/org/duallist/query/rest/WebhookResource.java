package org.duallist.query.rest;

import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.platform.domain.AccessDeniedException;
import org.duallist.platform.domain.InvalidFieldsException;
import org.duallist.platform.identity.Caller;
import org.duallist.platform.rest.Problem;
import org.duallist.query.messaging.WebhookDispatcher;
import org.duallist.query.messaging.WebhookTargets;
import org.duallist.query.query.WebhookDeliveryRecord;
import org.duallist.query.query.WebhookRecord;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhooks (推送): the office registers a URL for a unit of its region, and every notification
 * about that unit's tasks is posted there, signed; the office reads the delivery log.
 */
@Path("/api/webhooks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications (通知)")
public class WebhookResource {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Caller caller;
    private final WebhookTargets targets;

    WebhookResource(Caller caller, WebhookTargets targets) {
        this.caller = caller;
        this.targets = targets;
    }

    @Schema(description = "A webhook to register: the unit whose tasks' notifications are posted, and where")
    public record WebhookRequest(
            @Schema(description = "The unit (单位名称), e.g. 呼和浩特市教育局", required = true) @NotBlank @Size(max = 100) String unit,
            @Schema(description = "An http(s) URL that accepts POST application/json", required = true)
            @NotBlank @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL") String url) {
    }

    @Schema(description = "A registered webhook; the secret is shown once, when it is created")
    public record WebhookView(UUID id, String regionCode, String unit, String url, String secret, Instant createdAt,
                              String createdBy) {
    }

    @Schema(description = "One delivery attempt's outcome: PENDING (retried with back-off), DELIVERED or FAILED (given up)")
    public record DeliveryView(UUID id, String eventId, String type, String status, int attempts, Integer lastStatus,
                               String lastError, Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt,
                               Instant createdAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Register a webhook for a unit of the office's region",
            description = "Each delivery is a POST of the notification as JSON with the headers "
                    + WebhookDispatcher.TIMESTAMP + " (epoch seconds), " + WebhookDispatcher.SIGNATURE
                    + " (sha256=hex HMAC-SHA256 with the secret over \"timestamp.body\"), " + WebhookDispatcher.DELIVERY
                    + " (the same on every retry of one delivery) and " + WebhookDispatcher.EVENT + " (the type).")
    @APIResponse(responseCode = "201", description = "Registered; the answer holds the secret, shown only now",
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "A bad field; for url also a host that is or resolves to a loopback, "
            + "link-local or unspecified address, one that cannot be resolved, or one of the suite's own services",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an office",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@Valid @NotNull WebhookRequest request) {
        Actor office = office();
        targets.refusal(request.url()).ifPresent(reason -> {
            throw new InvalidFieldsException("url", reason);
        });
        WebhookRecord hook = new WebhookRecord();
        hook.id = UUID.randomUUID();
        hook.regionCode = office.region();
        hook.unit = request.unit().strip();
        hook.url = request.url().strip();
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        hook.secret = HexFormat.of().formatHex(secret);
        hook.createdBy = office.user();
        hook.createdAt = Instant.now();
        hook.persist();
        return Response.status(Response.Status.CREATED)
                .entity(new WebhookView(hook.id, hook.regionCode, hook.unit, hook.url, hook.secret, hook.createdAt, hook.createdBy))
                .build();
    }

    @GET
    @Operation(summary = "The webhooks of the office's region (without their secrets)")
    public List<WebhookView> list() {
        Actor office = office();
        return WebhookRecord.<WebhookRecord>list("regionCode = ?1 order by createdAt", office.region()).stream()
                .map(hook -> new WebhookView(hook.id, hook.regionCode, hook.unit, hook.url, null, hook.createdAt, hook.createdBy))
                .toList();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The delivery log of a webhook, newest first (at most 500)")
    public List<DeliveryView> deliveries(@PathParam("id") UUID id) {
        Actor office = office();
        WebhookRecord hook = WebhookRecord.findById(id);
        if (hook == null || !hook.regionCode.equals(office.region())) {
            throw new NotFoundException("no webhook " + id + " in region " + office.region());
        }
        return WebhookDeliveryRecord.<WebhookDeliveryRecord>find("webhookId = ?1 order by createdAt desc", id).page(0, 500)
                .list().stream()
                .map(d -> new DeliveryView(d.id, d.eventId, d.type, d.status, d.attempts, d.lastStatus, d.lastError,
                        d.lastAttemptAt, d.nextAttemptAt, d.deliveredAt, d.createdAt))
                .toList();
    }

    private Actor office() {
        Actor actor = caller.actor();
        if (actor.role() != ActorRole.OFFICE) {
            throw new AccessDeniedException("only the dual-support office (双拥办) manages webhooks");
        }
        return actor;
    }
}
