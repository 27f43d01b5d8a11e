package org.duallist.platform.rest;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duallist.platform.domain.FieldError;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Path and query parameters hold only text that can be stored and compared in the database
 * ({@link StorableText}): {@code ?responsibleUnit=%00} is a 400 naming the parameter, not a
 * PostgreSQL error.
 */
public class StorableParameters {

    @ServerRequestFilter
    public Optional<Response> refuseUnstorableText(UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        check(uri.getPathParameters(), errors);
        check(uri.getQueryParameters(), errors);
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        Problem problem = Problem.invalid(errors, uri.getPath());
        return Optional.of(Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build());
    }

    private static void check(MultivaluedMap<String, String> parameters, List<FieldError> errors) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                Optional<String> problem = StorableText.problem(value);
                if (problem.isPresent()) {
                    errors.add(new FieldError(parameter.getKey(), problem.get()));
                    break;
                }
            }
        }
    }
}
