package org.duallist.platform.rest.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.inject.Inject;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.duallist.platform.time.BusinessClock;

/**
 * The year of a dual list that can still take new items: last year's, this year's, or next year's
 * (needs are collected in November for the coming year).
 */
@Documented
@Constraint(validatedBy = PlausibleListYear.Validator.class)
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface PlausibleListYear {

    String message() default "must be last year, this year or next year";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlausibleListYear, Integer> {
        @Inject
        BusinessClock clock;

        @Override
        public boolean isValid(Integer value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            int thisYear = clock.today().getYear();
            return value >= thisYear - 1 && value <= thisYear + 1;
        }
    }
}
