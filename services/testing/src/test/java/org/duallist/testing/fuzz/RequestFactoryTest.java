package org.duallist.testing.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The generator on a small OpenAPI document: repeatable by seed, every attack drawn, patterns honoured. */
class RequestFactoryTest {

    private static final String DOCUMENT = """
            {"openapi":"3.1.0","paths":{
              "/api/tasks/{id}/registration":{"post":{
                "parameters":[{"name":"id","in":"path","required":true,"schema":{"$ref":"#/components/schemas/UUID"}},
                              {"name":"Idempotency-Key","in":"header","schema":{"type":"string"}}],
                "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Registration"}}}},
                "security":[{"SecurityScheme":[]}]}},
              "/api/tasks":{"get":{"parameters":[
                {"name":"status","in":"query","schema":{"type":"string","pattern":"(?i)SUBMITTED|REGISTERED|CLOSED"}},
                {"name":"size","in":"query","schema":{"type":"integer","format":"int32","minimum":1,"maximum":500}}]}}},
             "components":{"schemas":{
              "UUID":{"type":"string","format":"uuid"},
              "LocalDate":{"type":"string","format":"date"},
              "Registration":{"type":"object","required":["responsibleUnit","deadline"],"properties":{
                "responsibleUnit":{"type":"string","maxLength":100,"pattern":"\\\\S"},
                "coUnits":{"type":"array","maxItems":20,"items":{"type":"string","maxLength":100}},
                "deadline":{"$ref":"#/components/schemas/LocalDate","type":"string","examples":["2027-06-30"]},
                "percent":{"type":"integer","format":"int32","minimum":0,"maximum":100},
                "phone":{"type":"string","pattern":"^(1[3-9]\\\\d{9}|0\\\\d{2,3}-?\\\\d{7,8}(-\\\\d{1,6})?)$"}}}}}}
            """;

    private final List<ApiOperation> operations = operations();

    private static List<ApiOperation> operations() {
        try {
            return ApiOperation.parse(new ObjectMapper().readTree(DOCUMENT));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestFactory factory(long seed) {
        return new RequestFactory(Map.of("id", List.of("7f8e0c6e-1a53-4a55-9f3e-2c1e2b0a7d10")), List.of("token"), List.of("forged"),
                new SplittableRandom(seed), RequestFactory.defaultWeights());
    }

    @Test
    void theDocumentIsReadWithItsReferencesResolved() {
        assertThat(operations).extracting(ApiOperation::key)
                .containsExactly("GET /api/tasks", "POST /api/tasks/{id}/registration");
        ApiOperation registration = operations.get(1);
        assertThat(registration.secured()).isTrue();
        assertThat(registration.body().mediaType()).isEqualTo("application/json");
        assertThat(registration.body().schema().at("/properties/deadline/format").asText()).isEqualTo("date");
        assertThat(registration.parameters("path").get(0).schema().path("format").asText()).isEqualTo("uuid");
    }

    @Test
    void oneSeedAlwaysGivesTheSameRequestsAndEveryAttackIsDrawn() {
        RequestFactory first = factory(42);
        RequestFactory second = factory(42);
        Set<Attack> drawn = EnumSet.noneOf(Attack.class);
        for (int i = 0; i < 1_000; i++) {
            ApiOperation operation = operations.get(i % operations.size());
            FuzzRequest a = first.next(operation);
            FuzzRequest b = second.next(operation);
            assertThat(a.describe()).isEqualTo(b.describe());
            assertThat(a.body()).isEqualTo(b.body());
            drawn.add(a.attack());
        }
        assertThat(drawn).containsExactlyInAnyOrder(Attack.values());
    }

    @Test
    void plausibleRequestsFollowTheSchema() throws Exception {
        RequestFactory factory = new RequestFactory(Map.of(), List.of("token"), List.of(), new SplittableRandom(7),
                Map.of(Attack.VALID, 1));
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 200; i++) {
            FuzzRequest request = factory.next(operations.get(1));
            var body = json.readTree(request.body());
            assertThat(body.path("responsibleUnit").asText()).isNotBlank().hasSizeLessThanOrEqualTo(100);
            assertThat(body.path("deadline").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
            if (body.has("percent")) {
                assertThat(body.path("percent").asInt()).isBetween(0, 100);
            }
            if (body.has("phone")) {
                assertThat(body.path("phone").asText()).matches("^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?)$");
            }
            String target = new String(request.target(), StandardCharsets.US_ASCII);
            assertThat(target).matches("/api/tasks/[0-9a-f-]{36}/registration");
        }
    }

    @Test
    void patternsOfTheServicesAreSampledWithinThem() {
        SplittableRandom random = new SplittableRandom(1);
        List<String> patterns = List.of("^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?)$", "(?i)SUBMITTED|REGISTERED|DECLINED",
                "(filedAt|registeredAt|deadline)(,(asc|desc))?", "20\\d{2}", "\\d{4}-\\d{2}-\\d{2}", "daysOverdue|grade",
                "https?://\\S+", "[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}");
        for (String pattern : patterns) {
            List<String> drawn = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                drawn.add(RegexSampler.sample(pattern, random).orElseThrow(() -> new AssertionError("no draw for " + pattern)));
            }
            assertThat(drawn).allMatch(s -> Pattern.compile(pattern).matcher(s).matches(), pattern);
        }
        assertThat(RegexSampler.sample("[^a]+", random)).isEmpty();
    }

    @Test
    void hostileTextIsEncodedAsSentAndNotRepaired() {
        assertThat(new String(RequestFactory.jsonString("a\u0000\ud800\"b"), StandardCharsets.UTF_8))
                .isEqualTo("\"a\\u0000\\ud800\\\"b\"");
        assertThat(new String(RequestFactory.encode("中 \ud800"), StandardCharsets.US_ASCII)).isEqualTo("%E4%B8%AD%20%ED%A0%80");
    }
}
