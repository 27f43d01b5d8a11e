package org.duallist.platform.domain;

import java.util.List;

/**
 * Fields that break a rule that only the command side or a query can judge (a category
 * that is not on the chosen list, a deadline before today, a date that does not exist). Answered as
 * 400 with one message per field.
 */
public class InvalidFieldsException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidFieldsException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidFieldsException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("invalid"));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
