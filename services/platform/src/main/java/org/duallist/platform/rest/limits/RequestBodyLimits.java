package org.duallist.platform.rest.limits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import org.duallist.platform.domain.FieldError;
import org.duallist.platform.rest.Problem;
import org.duallist.platform.rest.ProblemType;

/**
 * Holds every request body to {@code dual-list.limits.max-body-size}, and those to the upload paths
 * to {@code dual-list.limits.upload-max-body-size}, answering 413 problem+json. A declared
 * {@code Content-Length} over the limit is refused here, on the event loop, before a byte of the
 * body is read; a chunked body is counted while it is read ({@link BoundedBodyReader}).
 * {@code quarkus.http.limits.max-body-size} stays the outer bound (set to the upload limit), which
 * Quarkus enforces itself with a bare 413 on multipart bodies that outgrow it.
 */
@ApplicationScoped
public class RequestBodyLimits {

    /** The JSON field the size problem names: the request body as a whole. */
    public static final String FIELD = "body";

    private final long maxBodySize;
    private final long uploadMaxBodySize;
    private final Set<String> uploadPaths;
    private final ObjectMapper json;

    RequestBodyLimits(LimitsConfig config, ObjectMapper json) {
        this.maxBodySize = config.maxBodySize().asLongValue();
        this.uploadMaxBodySize = config.uploadMaxBodySize().asLongValue();
        this.uploadPaths = Set.copyOf(config.uploadPaths().orElse(List.of()));
        this.json = json;
    }

    /** The largest body a request to {@code path} may carry, in bytes. */
    public long limitFor(String path) {
        return uploadPaths.contains(path) ? uploadMaxBodySize : maxBodySize;
    }

    /** Ahead of Quarkus's own check of the declared length, so that the client gets a problem document. */
    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseDeclaredOversize);
    }

    private void refuseDeclaredOversize(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (declared != null) {
            long limit = limitFor(context.normalizedPath());
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > limit) {
                respondTooLarge(context.response(), limit, context.normalizedPath());
                return;
            }
        }
        context.next();
    }

    /**
     * The 413 answer; the connection is closed after it, since the body it refused is still on its way
     * and must not be taken for the next request.
     */
    private void respondTooLarge(HttpServerResponse response, long limit, String path) {
        String body;
        try {
            body = json.writeValueAsString(problem(limit, path));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document always serializes", e);
        }
        response.setStatusCode(413)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaderNames.CONNECTION, "close")
                .end(body);
    }

    /** The problem document of a body over {@code limit} bytes. */
    public static Problem problem(long limit, String path) {
        FieldError error = new FieldError(FIELD, "must be at most " + readable(limit) + " (" + limit + " bytes)");
        return new Problem(ProblemType.PAYLOAD_TOO_LARGE.uri(), ProblemType.PAYLOAD_TOO_LARGE.title(), 413,
                FIELD + ": " + error.message(), path, List.of(error));
    }

    static String readable(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
