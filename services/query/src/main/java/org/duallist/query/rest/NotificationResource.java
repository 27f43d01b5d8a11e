package org.duallist.query.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.duallist.contracts.Actor;
import org.duallist.platform.identity.Caller;
import org.duallist.query.query.Notification;
import org.duallist.query.query.NotificationHub;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * 通知: a live stream (server-sent events) of what happens to the tasks the caller may read: new
 * assignments, returns, extension decisions, light changes, supervision notices and completions
 * waiting for acceptance, so that units and offices need not poll.
 */
@Path("/api/notifications/stream")
@Authenticated
@Tag(name = "Notifications (通知)", description = "Server-sent events of what happens to the caller's tasks")
public class NotificationResource {

    /** A comment line this often keeps proxies and idle-connection timers from closing a quiet stream. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private final NotificationHub hub;
    private final Caller caller;

    NotificationResource(NotificationHub hub, Caller caller) {
        this.hub = hub;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "通知: server-sent events, one per notification (event name = type, id = the event's id, data = JSON)",
            description = "The first event, named ready, says the stream is open. Scoped like every read: offices and leaders "
                    + "hear of their region, units of the tasks they requested or are (co-)responsible for.")
    public void stream(@Context SseEventSink sink, @Context Sse sse) {
        Actor reader = caller.actor();
        sink.send(sse.newEventBuilder().name("ready").data("{\"reader\":\"" + reader.user().replace("\"", "") + "\",\"at\":\""
                + Instant.now() + "\"}").mediaType(MediaType.APPLICATION_JSON_TYPE).build());
        Multi<OutboundSseEvent> events = Multi.createBy().merging().streams(
                hub.streamFor(reader).map(n -> event(sse, n)),
                Multi.createFrom().ticks().every(HEARTBEAT).map(tick -> sse.newEventBuilder().comment("heartbeat").build()));
        AtomicReference<Cancellable> subscription = new AtomicReference<>();
        subscription.set(events.subscribe().with(event -> {
            if (sink.isClosed()) {
                cancel(subscription);
                return;
            }
            sink.send(event).exceptionally(failure -> {
                cancel(subscription);
                return null;
            });
        }, failure -> sink.close()));
    }

    private static void cancel(AtomicReference<Cancellable> subscription) {
        Cancellable cancellable = subscription.get();
        if (cancellable != null) {
            cancellable.cancel();
        }
    }

    private static OutboundSseEvent event(Sse sse, Notification notification) {
        return sse.newEventBuilder().name(notification.type()).id(notification.id())
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(Notification.class, notification).build();
    }
}
