package org.duallist.platform.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * A value the JSON reader could read but the suite will not take (see {@link RequestJson}); its
 * message says what the field must be, and {@link ProblemMappers} answers it as is, field named.
 */
public class RefusedValueException extends InvalidFormatException {

    RefusedValueException(JsonParser parser, String message, Object value, Class<?> targetType) {
        super(parser, message, value, targetType);
    }
}
