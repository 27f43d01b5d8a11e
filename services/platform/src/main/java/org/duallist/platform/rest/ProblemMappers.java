package org.duallist.platform.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import org.duallist.platform.domain.AccessDeniedException;
import org.duallist.platform.domain.FieldError;
import org.duallist.platform.domain.InvalidFieldsException;
import org.duallist.platform.domain.StateConflictException;
import org.duallist.platform.rest.limits.RequestBodyLimits;
import org.duallist.platform.rest.limits.RequestBodyTooLargeException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every refusal as {@code application/problem+json}: bad input is a 400 naming each field, an
 * unknown task a 404, a command that does not fit the task's state or that lost a race a 409.
 * Ahead of Quarkus's own mappers, so that no client ever sees a bare 500 for its own mistake.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int AHEAD_OF_BUILT_INS = Priorities.USER - 100;

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response constraintViolations(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return respond(Problem.invalid(errors, uri.getPath()));
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response rejectedFields(InvalidFieldsException e, UriInfo uri) {
        return respond(Problem.invalid(e.errors(), uri.getPath()));
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response invalidValue(InvalidFormatException e, UriInfo uri) {
        String message = "cannot be read from " + e.getValue();
        Class<?> target = e.getTargetType();
        if (target != null && target.isEnum()) {
            message = "must be one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        } else if (target != null) {
            message = "is not a valid " + readableType(target) + ": " + e.getValue();
        }
        return respond(Problem.invalid(List.of(new FieldError(jsonPath(e), message)), uri.getPath()));
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response refusedValue(RefusedValueException e, UriInfo uri) {
        return respond(Problem.invalid(List.of(new FieldError(jsonPath(e), e.getOriginalMessage())), uri.getPath()));
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return respond(Problem.invalid(List.of(new FieldError(jsonPath(e), "is not a known field")), uri.getPath()));
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        if (field.isEmpty()) {
            return respond(Problem.of(ProblemType.MALFORMED, "the body must be a JSON object", uri.getPath()));
        }
        String expected = e.getTargetType() == null ? "another type" : readableType(e.getTargetType());
        return respond(Problem.invalid(List.of(new FieldError(field, "must be " + expected)), uri.getPath()));
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response unreadableJson(JsonMappingException e, UriInfo uri) {
        String field = jsonPath(e);
        if (field.isEmpty()) {
            return respond(Problem.of(ProblemType.MALFORMED, e.getOriginalMessage(), uri.getPath()));
        }
        return respond(Problem.invalid(List.of(new FieldError(field, e.getOriginalMessage())), uri.getPath()));
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return unreadableStream(e, uri);
    }

    /**
     * What the JSON reader could not read: a field given twice (Jackson says so only in the
     * message: "Duplicate field 'x'"), a number out of its type's range, or text that is not JSON;
     * named by the field the reader stood at, where there is one.
     */
    private Response unreadableStream(StreamReadException e, UriInfo uri) {
        String field = e.getProcessor() == null ? "" : parsingPath(e.getProcessor().getParsingContext());
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String message;
        if (original.startsWith("Duplicate field")) {
            message = "is given more than once";
        } else if (e instanceof InputCoercionException) {
            message = "is out of range: " + original;
        } else {
            return respond(Problem.of(ProblemType.MALFORMED, "not valid JSON: " + original, uri.getPath()));
        }
        if (field.isEmpty()) {
            return respond(Problem.of(ProblemType.MALFORMED, "the body " + message, uri.getPath()));
        }
        return respond(Problem.invalid(List.of(new FieldError(field, message)), uri.getPath()));
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response unknownAggregate(AggregateNotFoundException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.NOT_FOUND, "no task " + e.getAggregateIdentifier(), uri.getPath()));
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response accessDenied(AccessDeniedException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.FORBIDDEN, e.getMessage(), uri.getPath()));
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response notAuthenticated(UnauthorizedException e, UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer")
                .entity(Problem.of(ProblemType.UNAUTHORIZED, "a valid bearer token is required", uri.getPath()))
                .build();
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .entity(Problem.of(ProblemType.UNAUTHORIZED, "the bearer token is invalid or expired", uri.getPath()))
                .build();
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response roleForbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.FORBIDDEN, "this role may not call " + uri.getPath(), uri.getPath()));
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response bodyTooLarge(RequestBodyTooLargeException e) {
        // the rest of the body is still coming: the connection must not carry another request
        return Response.status(413).type(Problem.MEDIA_TYPE).header("Connection", "close")
                .entity(RequestBodyLimits.problem(e.limit(), e.path()))
                .build();
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response stateConflict(StateConflictException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.STATE_CONFLICT, e.getMessage(), uri.getPath()));
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response concurrentUpdate(ConcurrencyException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.CONCURRENT_UPDATE, "another change to this task was stored first", uri.getPath()));
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response concurrentCreation(AggregateStreamCreationException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.CONCURRENT_UPDATE, "a task with this id already exists", uri.getPath()));
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS)
    public Response http(WebApplicationException e, UriInfo uri) {
        // a reader that wraps the failure of its stream (as a parse error) still answers 413
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return bodyTooLarge(tooLarge);
            }
        }
        // Quarkus REST wraps what its JSON reader throws (unreadable input, reader limits) in a 400
        if (e.getCause() instanceof StreamReadException unreadable) {
            return unreadableStream(unreadable, uri);
        }
        if (e.getCause() instanceof JsonMappingException unmappable) {
            return unreadableJson(unmappable, uri);
        }
        if (e.getCause() instanceof StreamConstraintsException limit) {
            return respond(Problem.of(ProblemType.MALFORMED, "the body is beyond what the reader takes: " + limit.getOriginalMessage(),
                    uri.getPath()));
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        String title = statusType == null ? "HTTP " + status : statusType.getReasonPhrase();
        ProblemType type = status == 404 ? ProblemType.NOT_FOUND
                : status == 401 ? ProblemType.UNAUTHORIZED
                : status == 403 ? ProblemType.FORBIDDEN
                : status == 413 ? ProblemType.PAYLOAD_TOO_LARGE
                : ProblemType.HTTP;
        Problem problem = new Problem(type.uri(), type == ProblemType.HTTP ? title : type.title(), status,
                e.getMessage(), uri.getPath(), List.of());
        return Response.fromResponse(e.getResponse()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper(priority = AHEAD_OF_BUILT_INS + 1)
    public Response unexpected(RuntimeException e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return respond(Problem.of(ProblemType.INTERNAL, "unexpected failure; incident " + incident, uri.getPath()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** {@code register.request.deadline} → {@code deadline}: the field as the client named it. */
    static String fieldName(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            String name = node.getName() == null ? "" : node.getName();
            if (node.getIndex() != null) {
                name = name + "[" + node.getIndex() + "]";
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            return parameter == null ? "request" : parameter;
        }
        return String.join(".", names);
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Where the parser stands, as {@code coUnits[2]} or {@code reason}: the duplicate field it has just read. */
    private static String parsingPath(JsonStreamContext context) {
        List<String> steps = new ArrayList<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inObject() && at.getCurrentName() != null) {
                steps.add(0, "." + at.getCurrentName());
            } else if (at.inArray()) {
                steps.add(0, "[" + Math.max(at.getCurrentIndex(), 0) + "]");
            }
        }
        String path = String.join("", steps);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String readableType(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "date (YYYY-MM-DD)";
            case "Instant", "OffsetDateTime" -> "timestamp (ISO-8601)";
            case "UUID" -> "UUID";
            case "int", "Integer", "long", "Long" -> "whole number";
            case "String" -> "string";
            case "List", "Set" -> "list";
            default -> type.getSimpleName();
        };
    }
}
