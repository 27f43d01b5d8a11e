package org.duallist.platform.domain;

import java.util.List;

/**
 * A command whose fields break a business rule that only the command side can judge (a category
 * that is not on the chosen list, a deadline before today). Answered as 400 with one message per field.
 */
public class InvalidCommandException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidCommandException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidCommandException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("invalid"));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
