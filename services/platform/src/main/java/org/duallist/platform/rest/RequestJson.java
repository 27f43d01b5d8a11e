package org.duallist.platform.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;

/**
 * How request bodies are read, beyond Jackson's defaults:
 * <ul>
 *   <li>a field given twice is refused, rather than the last one silently winning (or a record's
 *       creator failing with a 500);</li>
 *   <li>no string may carry what cannot be stored ({@link StorableText});</li>
 *   <li>dates and timestamps have four-digit years, 0001 to 9999, as {@code YYYY-MM-DD} says:
 *       {@code +999999999-12-31} is a valid {@link LocalDate}, but a deadline there overflows the
 *       first day added to it, and PostgreSQL's {@code date} stops long before.</li>
 * </ul>
 * The events' own mapper ({@code EventJson}) is not this one: stored events read as they were written.
 */
@Singleton
public class RequestJson implements ObjectMapperCustomizer {

    static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    private static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** Last, after Quarkus has registered the Java time module, so that these readers of dates are the ones used. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("dual-list-requests")
                .addDeserializer(String.class, new Checked<>(String.class, StringDeserializer.instance, StorableText::problem))
                .addDeserializer(LocalDate.class, new Checked<>(LocalDate.class, LocalDateDeserializer.INSTANCE,
                        date -> date.isBefore(FIRST_DAY) || date.isAfter(LAST_DAY)
                                ? Optional.of("must be a date from 0001-01-01 to 9999-12-31 (YYYY-MM-DD)") : Optional.empty()))
                .addDeserializer(Instant.class, new Checked<>(Instant.class, InstantDeserializer.INSTANT,
                        instant -> instant.isBefore(FIRST_INSTANT) || instant.isAfter(LAST_INSTANT)
                                ? Optional.of("must be a timestamp from year 0001 to 9999 (ISO-8601)") : Optional.empty())));
    }

    /** Reads a value as Jackson's own deserializer does, then refuses it when {@code problem} says why. */
    static final class Checked<T> extends StdScalarDeserializer<T> {

        private final JsonDeserializer<T> reader;
        private final Function<T, Optional<String>> problem;

        Checked(Class<T> type, JsonDeserializer<T> reader, Function<T, Optional<String>> problem) {
            super(type);
            this.reader = reader;
            this.problem = problem;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            T value = reader.deserialize(parser, context);
            if (value == null) {
                return null;
            }
            Optional<String> refusal = problem.apply(value);
            if (refusal.isPresent()) {
                throw new RefusedValueException(parser, refusal.get(), value, handledType());
            }
            return value;
        }
    }
}
