package org.duallist.platform.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.duallist.platform.domain.FieldError;

/**
 * An RFC 7807 problem document ({@code application/problem+json}); {@code errors} lists what is
 * wrong with each field of a refused request.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, String detail, String instance) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, List.of());
    }

    public static Problem invalid(List<FieldError> errors, String instance) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new Problem(ProblemType.VALIDATION.uri(), ProblemType.VALIDATION.title(), 400, detail, instance, errors);
    }
}
