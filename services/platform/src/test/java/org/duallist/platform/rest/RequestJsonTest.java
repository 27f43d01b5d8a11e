package org.duallist.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request body rules, on a mapper set up as Quarkus sets up the services' own. */
class RequestJsonTest {

    record Body(String reason, List<String> coUnits, LocalDate deadline, Instant now) {
    }

    private final ObjectMapper mapper = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new RequestJson().customize(mapper);
        return mapper;
    }

    @Test
    void aFieldGivenTwiceIsRefusedInsteadOfTheLastOneWinning() {
        assertThatThrownBy(() -> mapper.readValue("{\"reason\":\"a\",\"reason\":\"b\"}", Body.class))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("Duplicate field 'reason'");
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> mapper.readValue("{\"reason\":\"abc\\u0000def\"}", Body.class))
                .isInstanceOfSatisfying(RefusedValueException.class, e -> {
                    assertThat(e.getOriginalMessage()).isEqualTo("must not contain the NUL character (U+0000)");
                    assertThat(e.getPath().get(0).getFieldName()).isEqualTo("reason");
                });
        assertThatThrownBy(() -> mapper.readValue("{\"coUnits\":[\"ok\",\"x\\udc00y\"]}", Body.class))
                .isInstanceOfSatisfying(RefusedValueException.class, e ->
                        assertThat(e.getOriginalMessage()).contains("unpaired surrogate"));
    }

    @Test
    void emojiChineseAndOtherRareButValidTextIsKept() throws Exception {
        String text = "👨‍👩‍👧‍👦 中华 e\u0301 \u202e \u200b 𠀀";
        Body body = mapper.readValue(mapper.writeValueAsString(new Body(text, List.of(text), null, null)), Body.class);
        assertThat(body.reason()).isEqualTo(text);
        assertThat(body.coUnits()).containsExactly(text);
    }

    @Test
    void datesAndTimestampsHaveFourDigitYears() throws Exception {
        assertThat(mapper.readValue("{\"deadline\":\"9999-12-31\"}", Body.class).deadline()).isEqualTo(LocalDate.of(9999, 12, 31));
        assertThat(mapper.readValue("{\"deadline\":\"0001-01-01\"}", Body.class).deadline()).isEqualTo(LocalDate.of(1, 1, 1));
        for (String date : List.of("+99999-12-31", "+999999999-12-31", "0000-01-01", "-0001-01-01")) {
            assertThatThrownBy(() -> mapper.readValue("{\"deadline\":\"" + date + "\"}", Body.class))
                    .as(date)
                    .isInstanceOfSatisfying(RefusedValueException.class, e ->
                            assertThat(e.getOriginalMessage()).isEqualTo("must be a date from 0001-01-01 to 9999-12-31 (YYYY-MM-DD)"));
        }
        assertThat(mapper.readValue("{\"now\":\"2027-05-01T02:00:00Z\"}", Body.class).now())
                .isEqualTo(Instant.parse("2027-05-01T02:00:00Z"));
        assertThatThrownBy(() -> mapper.readValue("{\"now\":\"+1000000000-12-31T23:59:59.999999999Z\"}", Body.class))
                .isInstanceOf(RefusedValueException.class);
    }

    @Test
    void storableTextNamesWhatIsWrong() {
        assertThat(StorableText.problem("石家庄市 🙂")).isEmpty();
        assertThat(StorableText.problem("a\u0000")).contains("must not contain the NUL character (U+0000)");
        assertThat(StorableText.problem("\ud83d")).get().asString().contains("unpaired surrogate");
        assertThat(StorableText.problem("\ude00\ud83d")).get().asString().contains("unpaired surrogate");
    }
}
