package org.duallist.platform.rest.limits;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import org.duallist.platform.rest.Problem;
import org.duallist.platform.rest.ProblemType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers 429 problem+json with {@code Retry-After} (whole seconds) to a caller over its rate
 * ({@link CallerRateLimiter}). The caller is the subject of a valid bearer token, else the client
 * address; a token that does not verify counts against the address and is refused afterwards as
 * usual. Only the REST API is limited: {@code /q/*} (health, metrics, OpenAPI) and static pages are
 * served by Vert.x routes this filter never sees.
 */
public class RateLimitFilter {

    private final CallerRateLimiter limiter;
    private final CurrentIdentityAssociation identities;
    private final CurrentVertxRequest request;

    RateLimitFilter(CallerRateLimiter limiter, CurrentIdentityAssociation identities, CurrentVertxRequest request) {
        this.limiter = limiter;
        this.identities = identities;
        this.request = request;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> limit() {
        if (!limiter.enabled()) {
            return Uni.createFrom().nullItem();
        }
        RoutingContext context = request.getCurrent();
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .map(identity -> {
                    String caller = caller(identity, context);
                    return limiter.acquire(caller).map(wait -> tooManyRequests(wait, context.normalizedPath())).orElse(null);
                });
    }

    static String caller(SecurityIdentity identity, RoutingContext context) {
        if (identity != null && !identity.isAnonymous()) {
            if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
                return "subject:" + token.getSubject();
            }
            return "principal:" + identity.getPrincipal().getName();
        }
        SocketAddress address = context.request().remoteAddress();
        return "address:" + (address == null ? "unknown" : address.hostAddress());
    }

    private Response tooManyRequests(Duration wait, String path) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        Problem problem = new Problem(ProblemType.RATE_LIMITED.uri(), ProblemType.RATE_LIMITED.title(), 429,
                "more than " + limiter.describe() + " from this caller; retry after " + seconds + " s", path, List.of());
        return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", Long.toString(seconds))
                .entity(problem).build();
    }
}
