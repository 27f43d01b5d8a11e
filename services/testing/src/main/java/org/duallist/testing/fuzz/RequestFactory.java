package org.duallist.testing.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Draws the requests of one operation from its schema: first a plausible one (known values,
 * enums, formats, examples, patterns), then one {@link Attack} on it. Only the seeded random
 * source decides, so that one seed always gives the same requests.
 */
final class RequestFactory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    private static final String PLACEHOLDER = "@@FUZZ%d@@";
    private static final int MEGABYTE = 1 << 20;
    private static final List<String> WORDS = List.of("随军家属就业", "营区道路硬化", "军人子女入学", "双拥共建", "优抚对象走访",
            "退役军人服务站", "拥军优属", "拥政爱民", "Road repair near the camp", "测试 test 123");

    private final Map<String, List<Object>> known;
    private final List<String> tokens;
    private final List<String> badTokens;
    private final SplittableRandom random;
    private final Map<Attack, Integer> weights;
    private final Map<String, List<String>> idempotencyKeys = new LinkedHashMap<>();

    RequestFactory(Map<String, List<Object>> known, List<String> tokens, List<String> badTokens, SplittableRandom random,
                   Map<Attack, Integer> weights) {
        this.known = known;
        this.tokens = tokens;
        this.badTokens = badTokens;
        this.random = random;
        this.weights = weights;
    }

    FuzzRequest next(ApiOperation operation) {
        Attack attack = drawAttack();
        Draft draft = plausible(operation, attack);
        switch (attack) {
            case VALID -> draft.note("as the schema describes");
            case WRONG_TYPE -> wrongType(draft);
            case MISSING_REQUIRED -> missingRequired(draft);
            case EXTRA_FIELDS -> extraFields(draft);
            case NULLS -> nulls(draft);
            case BODY_SHAPE -> bodyShape(draft);
            case HUGE_STRING -> hugeString(draft);
            case HUGE_BODY -> hugeBody(draft);
            case DEEP_NESTING -> deepNesting(draft);
            case INVALID_UTF8 -> invalidUtf8(draft);
            case UNUSUAL_UNICODE -> unusualUnicode(draft);
            case ODD_DATE -> oddDate(draft);
            case ODD_NUMBER -> oddNumber(draft);
            case PATH_INJECTION -> pathInjection(draft);
            case QUERY_INJECTION -> queryInjection(draft);
            case CONTENT_TYPE -> contentType(draft);
            case HEADERS -> headers(draft);
            case NO_OR_BAD_TOKEN -> noOrBadToken(draft);
        }
        return draft.render();
    }

    private Attack drawAttack() {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int draw = random.nextInt(total);
        for (Map.Entry<Attack, Integer> entry : weights.entrySet()) {
            draw -= entry.getValue();
            if (draw < 0) {
                return entry.getKey();
            }
        }
        throw new IllegalStateException("weights changed during the draw");
    }

    static Map<Attack, Integer> defaultWeights() {
        Map<Attack, Integer> weights = new EnumMap<>(Attack.class);
        for (Attack attack : Attack.values()) {
            weights.put(attack, attack.weight());
        }
        return weights;
    }

    // ------------------------------------------------------------------ the plausible request

    private Draft plausible(ApiOperation operation, Attack attack) {
        Draft draft = new Draft(operation, attack);
        for (ApiOperation.Parameter parameter : operation.parameters("path")) {
            draft.path.put(parameter.name(), encode(text(sample(parameter.name(), parameter.schema(), 0))));
        }
        for (ApiOperation.Parameter parameter : operation.parameters("query")) {
            if (parameter.required() || random.nextInt(10) < 4) {
                draft.query.put(parameter.name(), encode(text(sample(parameter.name(), parameter.schema(), 0))));
            }
        }
        for (ApiOperation.Parameter parameter : operation.parameters("header")) {
            if (parameter.name().equalsIgnoreCase("Idempotency-Key")) {
                if (random.nextInt(10) < 3) {
                    draft.headers.put(parameter.name(), ascii(idempotencyKey(operation)));
                }
            } else if (parameter.required() || random.nextBoolean()) {
                draft.headers.put(parameter.name(), utf8(text(sample(parameter.name(), parameter.schema(), 0))));
            }
        }
        if (!tokens.isEmpty()) {
            draft.headers.put("Authorization", ascii("Bearer " + pick(tokens)));
        }
        draft.headers.put("Accept", ascii("*/*"));
        ApiOperation.Body body = operation.body();
        if (body != null) {
            draft.contentType = body.mediaType();
            if (draft.multipart()) {
                body.schema().path("properties").fields().forEachRemaining(property -> draft.parts.add(part(property.getKey(),
                        property.getValue())));
            } else {
                draft.body = sample("", body.schema(), 0);
            }
        }
        return draft;
    }

    private String idempotencyKey(ApiOperation operation) {
        // a few keys per operation, so that some are used again, with the same request or another one
        List<String> keys = idempotencyKeys.computeIfAbsent(operation.key(), k -> new ArrayList<>());
        if (keys.size() < 4 || random.nextInt(3) == 0) {
            keys.add("fuzz-" + HexFormat.of().toHexDigits(random.nextLong()));
        }
        return keys.get(random.nextInt(keys.size()));
    }

    private Part part(String name, JsonNode schema) {
        Object hint = knownValue(name);
        if (hint instanceof byte[] bytes) {
            return new Part(name, name + ".xlsx", "application/octet-stream", bytes);
        }
        if ("binary".equals(schema.path("format").asText())) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            return new Part(name, name + ".bin", "application/octet-stream", bytes);
        }
        return new Part(name, null, "text/plain; charset=UTF-8", utf8(text(sample(name, schema, 0))));
    }

    private Object knownValue(String name) {
        List<Object> values = known.get(name);
        if (values == null || values.isEmpty() || random.nextInt(10) >= 8) {
            return null;
        }
        return values.get(random.nextInt(values.size()));
    }

    /** A value the schema accepts, or a known value of the name (a real task's id, a unit of the region). */
    JsonNode sample(String name, JsonNode schema, int depth) {
        Object hint = knownValue(name);
        if (hint != null && !(hint instanceof byte[])) {
            return JSON.valueToTree(hint);
        }
        JsonNode enumeration = schema.path("enum");
        if (enumeration.isArray() && !enumeration.isEmpty()) {
            return enumeration.get(random.nextInt(enumeration.size()));
        }
        String type = type(schema);
        JsonNode examples = schema.path("examples");
        if (examples.isArray() && !examples.isEmpty() && random.nextBoolean() && !type.equals("object")) {
            return examples.get(random.nextInt(examples.size()));
        }
        return switch (type) {
            case "integer" -> {
                long min = schema.path("minimum").asLong(0);
                long max = schema.path("maximum").asLong(min + 100);
                yield NODES.numberNode(min + random.nextLong(Math.max(1, max - min + 1)));
            }
            case "number" -> NODES.numberNode(random.nextDouble() * 100);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int min = schema.path("minItems").asInt(0);
                int max = Math.min(schema.path("maxItems").asInt(3), min + 3);
                int count = min + random.nextInt(Math.max(1, max - min + 1));
                for (int i = 0; i < count && depth < 4; i++) {
                    array.add(sample(name + "[]", schema.path("items"), depth + 1));
                }
                yield array;
            }
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                List<String> required = required(schema);
                schema.path("properties").fields().forEachRemaining(property -> {
                    if (depth < 4 && (required.contains(property.getKey()) || random.nextInt(10) < 6)) {
                        object.set(property.getKey(), sample(property.getKey(), property.getValue(), depth + 1));
                    }
                });
                yield object;
            }
            default -> TextNode.valueOf(string(schema));
        };
    }

    private String string(JsonNode schema) {
        String format = schema.path("format").asText("");
        switch (format) {
            case "date":
                return LocalDate.now(BUSINESS_ZONE).plusDays(1 + random.nextInt(400)).toString();
            case "date-time":
                // within today, so that one seed gives the same requests all day
                return LocalDate.now(BUSINESS_ZONE).atStartOfDay(BUSINESS_ZONE).toInstant().plusSeconds(random.nextInt(86_400)).toString();
            case "uuid":
                return new UUID(random.nextLong(), random.nextLong()).toString();
            default:
                break;
        }
        String pattern = schema.path("pattern").asText("");
        if (!pattern.isEmpty() && !pattern.equals("\\S")) {
            Optional<String> drawn = RegexSampler.sample(pattern, random);
            if (drawn.isPresent()) {
                return drawn.get();
            }
        }
        String word = pick(WORDS) + random.nextInt(1000);
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        int min = schema.path("minLength").asInt(0);
        if (word.length() > max) {
            word = word.substring(0, max);
        }
        return word.length() < min ? word + "x".repeat(min - word.length()) : word;
    }

    private static String type(JsonNode schema) {
        if (schema.has("type")) {
            return schema.path("type").asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    private static List<String> required(JsonNode schema) {
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        return required;
    }

    // ------------------------------------------------------------------ where a hostile value goes

    /** A field of the JSON body (or an item of one of its arrays) that a hostile value may replace. */
    private record Slot(String field, JsonNode schema, boolean item) {
    }

    private List<Slot> slots(Draft draft) {
        List<Slot> slots = new ArrayList<>();
        if (draft.operation.body() == null || draft.multipart()) {
            return slots;
        }
        draft.operation.body().schema().path("properties").fields().forEachRemaining(property -> {
            JsonNode schema = property.getValue();
            slots.add(new Slot(property.getKey(), schema, false));
            if ("array".equals(type(schema))) {
                slots.add(new Slot(property.getKey(), schema.path("items"), true));
            }
        });
        return slots;
    }

    private Slot slot(Draft draft, Predicate<JsonNode> preferred) {
        List<Slot> slots = slots(draft);
        List<Slot> fitting = slots.stream().filter(s -> preferred.test(s.schema())).toList();
        List<Slot> from = fitting.isEmpty() || random.nextInt(5) == 0 ? slots : fitting;
        return from.isEmpty() ? null : pick(from);
    }

    private record Param(String name, String in, JsonNode schema) {
    }

    private Param param(Draft draft, Predicate<JsonNode> preferred) {
        List<Param> params = new ArrayList<>();
        for (ApiOperation.Parameter p : draft.operation.parameters()) {
            if (!p.in().equals("header") || !p.name().equalsIgnoreCase("Idempotency-Key") || random.nextInt(4) == 0) {
                params.add(new Param(p.name(), p.in(), p.schema()));
            }
        }
        List<Param> fitting = params.stream().filter(p -> preferred.test(p.schema())).toList();
        List<Param> from = fitting.isEmpty() || random.nextInt(5) == 0 ? params : fitting;
        if (from.isEmpty()) {
            return new Param(pick(List.of("q", "filter", "id", "region", "year")), "query", NODES.objectNode());
        }
        return pick(from);
    }

    /** A hostile value in its two forms: raw JSON text, and a percent-encoded parameter. */
    private record Hostile(String label, byte[] json, byte[] param) {
        static Hostile text(String label, String value) {
            return new Hostile(label, jsonString(value), encode(value));
        }
    }

    /** Puts the value in the body (when there is one, mostly) or in a parameter. */
    private void place(Draft draft, Hostile hostile, Predicate<JsonNode> preferred) {
        Slot slot = slot(draft, preferred);
        if (slot != null && (random.nextInt(4) > 0 || draft.operation.parameters().isEmpty())) {
            draft.putRaw(slot, hostile.json());
            draft.note((slot.item() ? slot.field() + "[0]" : slot.field()) + " ← " + hostile.label());
        } else if (draft.multipart() && random.nextBoolean() && !draft.parts.isEmpty()) {
            Part part = pick(draft.parts);
            draft.parts.set(draft.parts.indexOf(part), new Part(part.name(), part.filename(), part.contentType(), hostile.json()));
            draft.note("part " + part.name() + " ← " + hostile.label());
        } else {
            Param param = param(draft, preferred);
            draft.putParam(param.in(), param.name(), hostile.param());
            draft.note(param.in() + " " + param.name() + " ← " + hostile.label());
        }
    }

    private static boolean isString(JsonNode schema) {
        return type(schema).equals("string") && !schema.has("enum");
    }

    private static boolean isDate(JsonNode schema) {
        String format = schema.path("format").asText("");
        return format.startsWith("date") || schema.path("pattern").asText("").contains("\\d{4}-");
    }

    private static boolean isNumeric(JsonNode schema) {
        String type = type(schema);
        return type.equals("integer") || type.equals("number") || schema.path("pattern").asText("").matches(".*\\\\d\\{\\d\\}.*");
    }

    // ------------------------------------------------------------------ the attacks

    private void wrongType(Draft draft) {
        List<Slot> slots = slots(draft);
        if (slots.isEmpty()) {
            Param param = param(draft, s -> true);
            String value = pick(List.of("abc", "[1,2]", "{}", "true", "null", "1.5", "-", "undefined", "a[]=1"));
            draft.putParam(param.in(), param.name(), encode(value));
            draft.note(param.in() + " " + param.name() + " ← " + value);
            return;
        }
        Slot slot = pick(slots);
        String type = type(slot.schema());
        List<String> values = switch (type) {
            case "integer", "number" -> List.of("\"abc\"", "\"12\"", "true", "[]", "{}", "[1]", "\"\"", "1.5", "\"1e3\"");
            case "array" -> List.of("\"x\"", "{}", "1", "[1, {}, null, true]", "[[[\"x\"]]]", "{\"0\":\"a\"}", "true");
            case "boolean" -> List.of("\"yes\"", "1", "\"true\"", "[]", "{}");
            case "object" -> List.of("\"x\"", "[]", "1", "true");
            default -> slot.schema().has("enum")
                    ? List.of("\"NOT_A_VALUE\"", "\"" + slot.schema().path("enum").path(0).asText().toLowerCase(Locale.ROOT) + "\"",
                            "0", "99", "\"\"", "\" " + slot.schema().path("enum").path(0).asText() + "\"", "[]", "{}", "true")
                    : List.of("123", "-1", "true", "false", "{}", "[]", "[\"a\"]", "{\"a\":1}", "1e5", "0.1");
        };
        String value = pick(values);
        draft.putRaw(slot, value.getBytes(StandardCharsets.UTF_8));
        draft.note((slot.item() ? slot.field() + "[0]" : slot.field()) + " (" + type + ") ← " + value);
    }

    private void missingRequired(Draft draft) {
        if (draft.body instanceof ObjectNode object && random.nextInt(4) > 0) {
            List<String> required = required(draft.operation.body().schema());
            List<String> present = new ArrayList<>();
            object.fieldNames().forEachRemaining(present::add);
            List<String> removable = required.isEmpty() ? present : required;
            if (!removable.isEmpty()) {
                int count = random.nextInt(4) == 0 ? removable.size() : 1;
                List<String> removed = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String field = pick(removable);
                    object.remove(field);
                    removed.add(field);
                }
                draft.note("without " + removed);
                return;
            }
        }
        if (draft.multipart() && !draft.parts.isEmpty()) {
            draft.note("without part " + draft.parts.remove(random.nextInt(draft.parts.size())).name());
            return;
        }
        List<ApiOperation.Parameter> path = draft.operation.parameters("path");
        if (!path.isEmpty() && random.nextBoolean()) {
            String name = pick(path).name();
            draft.path.put(name, new byte[0]);
            draft.note("empty path parameter " + name);
        } else if (!draft.query.isEmpty()) {
            String name = pick(new ArrayList<>(draft.query.keySet()));
            draft.query.remove(name);
            draft.note("without query " + name);
        } else if (draft.body != null) {
            draft.body = null;
            draft.note("without a body");
        } else {
            draft.headers.remove("Accept");
            draft.note("without Accept");
        }
    }

    private void extraFields(Draft draft) {
        if (draft.body instanceof ObjectNode object) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    object.put("__proto__", "x");
                    object.put("constructor", "y");
                    object.put("@class", "java.lang.Runtime");
                    draft.note("__proto__, constructor, @class");
                }
                case 1 -> {
                    object.put("id", new UUID(random.nextLong(), random.nextLong()).toString());
                    object.put("status", "CLOSED");
                    object.put("regionCode", "000000");
                    object.put("actor", "admin");
                    draft.note("id, status, regionCode, actor that are not the client's to set");
                }
                case 2 -> {
                    for (int i = 0; i < 2000; i++) {
                        object.put("extra" + i, i);
                    }
                    draft.note("2,000 unknown fields");
                }
                case 3 -> {
                    object.put("x".repeat(20_000), "long name");
                    draft.note("a field name of 20,000 characters");
                }
                case 4 -> {
                    Iterator<String> names = object.fieldNames();
                    String first = names.hasNext() ? names.next() : "title";
                    draft.rawBody = appendBeforeClose(draft.renderJson(), ",\"" + first + "\":\"duplicate\"");
                    draft.note("the field " + first + " twice");
                }
                default -> {
                    object.put("unknown\u0000field", "nul in the name");
                    object.put("\ud83d\ude00", "emoji name");
                    draft.note("unknown fields with NUL and emoji in their names");
                }
            }
            return;
        }
        if (draft.multipart()) {
            draft.parts.add(new Part("extra", "extra.txt", "text/plain", utf8("unexpected part")));
            draft.note("an extra part");
            return;
        }
        for (int i = 0; i < 1 + random.nextInt(5); i++) {
            draft.extraQuery.add(ascii(pick(List.of("debug=true", "admin=1", "region=000000", "page=1", "x=y", "id=1",
                    "%24where=1", "sort=title,desc", "list=SUPPORT_THE_MILITARY"))));
        }
        draft.note("unknown or repeated query parameters");
    }

    private void nulls(Draft draft) {
        List<Slot> slots = slots(draft);
        if (slots.isEmpty()) {
            Param param = param(draft, s -> true);
            if (param.in().equals("query") && random.nextBoolean()) {
                draft.query.remove(param.name());
                draft.extraQuery.add(ascii(encodeString(param.name())));
                draft.note("query " + param.name() + " without a value");
            } else {
                draft.putParam(param.in(), param.name(), ascii(pick(List.of("", "null", "%00"))));
                draft.note(param.in() + " " + param.name() + " empty or null");
            }
            return;
        }
        int count = random.nextInt(3) == 0 ? slots.size() : 1;
        List<String> nulled = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Slot slot = pick(slots);
            draft.putRaw(slot, ascii("null"));
            nulled.add(slot.item() ? slot.field() + "[0]" : slot.field());
        }
        draft.note("null " + nulled);
    }

    private void bodyShape(Draft draft) {
        String json = new String(draft.body == null ? ascii("{}") : draft.renderJson(), StandardCharsets.UTF_8);
        List<String[]> shapes = List.of(
                new String[] {"an empty body", ""},
                new String[] {"null", "null"},
                new String[] {"an empty array", "[]"},
                new String[] {"an array of the body", "[" + json + "]"},
                new String[] {"a string", "\"text\""},
                new String[] {"a number", "123"},
                new String[] {"true", "true"},
                new String[] {"an empty object", "{}"},
                new String[] {"truncated", json.substring(0, json.length() / 2)},
                new String[] {"just {", "{"},
                new String[] {"two objects", json + json},
                new String[] {"trailing garbage", json + "garbage"},
                new String[] {"a trailing comma", json.endsWith("}") && json.length() > 2 ? json.substring(0, json.length() - 1) + ",}" : json + ","},
                new String[] {"comments", "/* comment */" + json + "// end"},
                new String[] {"single quotes", json.replace('"', '\'')},
                new String[] {"unquoted names", json.replaceAll("\"(\\w+)\":", "$1:")},
                new String[] {"whitespace only", " \n\t "},
                new String[] {"a byte-order mark first", "\uFEFF" + json},
                new String[] {"NUL bytes", "\u0000\u0000\u0000\u0000"},
                new String[] {"XML", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"},
                new String[] {"form encoded", "title=x&reason=y"});
        String[] shape = pick(shapes);
        draft.rawBody = shape[1].getBytes(StandardCharsets.UTF_8);
        draft.parts.clear();
        if (draft.contentType == null || random.nextInt(3) == 0) {
            draft.contentType = "application/json";
        }
        draft.note("body: " + shape[0]);
    }

    private void hugeString(Draft draft) {
        int length = switch (random.nextInt(4)) {
            case 0 -> 101 + random.nextInt(5000);
            case 1 -> 10_000 + random.nextInt(10_000);
            case 2 -> 100_000 + random.nextInt(100_000);
            default -> MEGABYTE / 2 + random.nextInt(3 * MEGABYTE / 2);
        };
        String unit = pick(List.of("a", "中", "🙂", "e\u0301"));
        String value = unit.repeat(Math.max(1, length / unit.length()));
        Slot slot = slot(draft, RequestFactory::isString);
        if (slot != null && random.nextInt(5) > 0) {
            draft.putRaw(slot, jsonString(value));
            draft.note(slot.field() + " ← " + value.length() + " chars of " + unit);
        } else if (random.nextBoolean()) {
            Param param = param(draft, s -> true);
            String shorter = value.substring(0, Math.min(value.length(), pick(List.of(3000, 9000, 70_000))));
            draft.putParam(param.in(), param.name(), param.in().equals("header") ? utf8(shorter) : encode(shorter));
            draft.note(param.in() + " " + param.name() + " ← " + shorter.length() + " chars of " + unit);
        } else {
            draft.headers.put("X-Fuzz-Padding", ascii("p".repeat(pick(List.of(4000, 9000, 40_000)))));
            draft.note("a long unknown header");
        }
    }

    private void hugeBody(Draft draft) {
        // on both sides of the usual 1 MiB body limit
        int size = MEGABYTE / 2 + random.nextInt(7 * MEGABYTE / 2);
        if (draft.multipart()) {
            byte[] file = new byte[size];
            random.nextBytes(file);
            draft.parts.clear();
            draft.parts.add(new Part("file", "huge.xlsx", "application/octet-stream", file));
            draft.note("a file part of " + size + " random bytes");
            return;
        }
        String json = new String(draft.body == null ? ascii("{}") : draft.renderJson(), StandardCharsets.UTF_8);
        String open = json.length() > 2 ? json.substring(0, json.length() - 1) + "," : "{";
        StringBuilder body = new StringBuilder(size + 64);
        String what;
        switch (random.nextInt(5)) {
            case 0 -> {
                body.append(open).append("\"items\":[");
                while (body.length() < size) {
                    body.append("\"item\",");
                }
                body.append("\"last\"]}");
                what = "an array of " + size / 7 + " strings";
            }
            case 1 -> {
                body.append(json, 0, Math.max(1, json.length() - 1));
                body.append(" ".repeat(size));
                body.append('}');
                what = size + " bytes of whitespace";
            }
            case 2 -> {
                body.append(open);
                for (int i = 0; body.length() < size; i++) {
                    body.append("\"f").append(i).append("\":").append(i).append(',');
                }
                body.append("\"end\":0}");
                what = "an object of " + size / 12 + " fields";
            }
            case 3 -> {
                body.append(open).append("\"number\":").append("9".repeat(size)).append('}');
                what = "a number of " + size + " digits";
            }
            default -> {
                body.append(open).append("\"text\":\"").append("x".repeat(size)).append("\"}");
                what = "an unknown field of " + size + " characters";
            }
        }
        draft.rawBody = body.toString().getBytes(StandardCharsets.UTF_8);
        if (draft.contentType == null) {
            draft.contentType = "application/json";
        }
        draft.note("body of " + draft.rawBody.length + " bytes: " + what);
    }

    private void deepNesting(Draft draft) {
        int depth = pick(List.of(1_001, 2_500, 10_000, 50_000));
        boolean objects = random.nextBoolean();
        String open = objects ? "{\"a\":" : "[";
        String close = objects ? "}" : "]";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        String truncated = open.repeat(depth);
        Slot slot = slot(draft, s -> true);
        String what = (objects ? "objects" : "arrays") + " nested " + depth + " deep";
        switch (random.nextInt(4)) {
            case 0 -> {
                draft.rawBody = nested.getBytes(StandardCharsets.US_ASCII);
                draft.note("body: " + what);
            }
            case 1 -> {
                draft.rawBody = truncated.getBytes(StandardCharsets.US_ASCII);
                draft.note("body: " + what + ", never closed");
            }
            default -> {
                if (slot == null || draft.body == null) {
                    draft.rawBody = ("{\"nested\":" + nested + "}").getBytes(StandardCharsets.US_ASCII);
                    draft.note("field nested ← " + what);
                } else if (random.nextBoolean()) {
                    draft.putRaw(slot, nested.getBytes(StandardCharsets.US_ASCII));
                    draft.note(slot.field() + " ← " + what);
                } else {
                    draft.rawBody = appendBeforeClose(draft.renderJson(), ",\"nested\":" + nested);
                    draft.note("unknown field nested ← " + what);
                }
            }
        }
        if (draft.contentType == null || draft.multipart()) {
            draft.contentType = "application/json";
            draft.parts.clear();
        }
    }

    private static final List<byte[]> INVALID_UTF8 = List.of(
            new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xA0, (byte) 0xA1}, new byte[] {(byte) 0xE2, 0x28, (byte) 0xA1},
            new byte[] {(byte) 0xE2, (byte) 0x82, 0x28}, new byte[] {(byte) 0xF0, 0x28, (byte) 0x8C, (byte) 0xBC},
            new byte[] {(byte) 0xF8, (byte) 0xA1, (byte) 0xA1, (byte) 0xA1, (byte) 0xA1}, new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE, (byte) 0xFF}, new byte[] {(byte) 0xE4, (byte) 0xB8},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE9});

    private void invalidUtf8(Draft draft) {
        byte[] bad = pick(INVALID_UTF8);
        String label = "bytes " + HexFormat.ofDelimiter(" ").formatHex(bad);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.write('"');
        json.writeBytes(ascii("abc"));
        json.writeBytes(bad);
        json.writeBytes(ascii("def"));
        json.write('"');
        int where = random.nextInt(4);
        if (where == 0 && draft.body != null) {
            byte[] body = draft.renderJson();
            if (random.nextBoolean()) {
                draft.rawBody = concat(body, bad);
                draft.note("body ends with " + label);
            } else {
                draft.rawBody = concat(bad, body);
                draft.note("body starts with " + label);
            }
            return;
        }
        if (where == 1) {
            // raw, unencoded bytes in the request target
            if (!draft.path.isEmpty()) {
                String name = pick(new ArrayList<>(draft.path.keySet()));
                draft.path.put(name, concat(draft.path.get(name), bad));
                draft.note("raw " + label + " in path " + name);
            } else {
                draft.extraQuery.add(concat(ascii("q="), bad));
                draft.note("raw " + label + " in the query");
            }
            return;
        }
        StringBuilder encoded = new StringBuilder("abc");
        for (byte b : bad) {
            encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
        place(draft, new Hostile(label, json.toByteArray(), ascii(encoded.toString())), RequestFactory::isString);
    }

    private static final List<String[]> UNUSUAL = List.of(
            new String[] {"NUL", "\u0000"}, new String[] {"NUL inside", "abc\u0000def"}, new String[] {"NUL at the end", "名称\u0000"},
            new String[] {"lone high surrogate", "\ud800"}, new String[] {"lone low surrogate", "x\udc00y"},
            new String[] {"reversed surrogates", "\udc00\ud800"}, new String[] {"high surrogate at the end", "abc\ud83d"},
            new String[] {"RTL override", "\u202eevil\u202c"}, new String[] {"RTL marks", "\u200f\u200e\u061c"},
            new String[] {"zero-width only", "\u200b\u200c\u200d\u2060"}, new String[] {"BOM", "\ufeff"},
            new String[] {"noncharacters", "\uffff\ufffe"}, new String[] {"family emoji", "👨‍👩‍👧‍👦"},
            new String[] {"flag emoji", "🏳️‍🌈🇨🇳"}, new String[] {"combining marks", "e" + "\u0301".repeat(300)},
            new String[] {"zalgo", "Z̴̡̛͚͓̩͙̗̠͎̭̯̤̘͚͈͙̣͎̲̤͉͇̟̪̠͍̖̦̬͙͎͍̩̦͕̟̳͔̹̬̲̫a̸l̷g̶o̵"},
            new String[] {"control characters", "\t\n\r\u0007\u001b[31m\u007f"}, new String[] {"NEL and separators", "\u0085\u2028\u2029"},
            new String[] {"fullwidth digits", "２０２６"}, new String[] {"Arabic-Indic digits", "٢٠٢٦"},
            new String[] {"long Chinese", "中华人民共和国".repeat(800)}, new String[] {"ideographic space only", "\u3000\u3000"},
            new String[] {"SQL quote", "' OR '1'='1"}, new String[] {"backslashes", "\\\\\\"},
            new String[] {"private use", "\ue000\uf8ff"}, new String[] {"supplementary CJK", "𠀀𪚥𰻞"},
            new String[] {"half a pair then text", "\ud83dabc"});

    private void unusualUnicode(Draft draft) {
        String[] unusual = pick(UNUSUAL);
        place(draft, Hostile.text(unusual[0], unusual[1]), RequestFactory::isString);
    }

    private static final List<String> ODD_DATES = List.of("0000-01-01", "-0001-01-01", "+99999-12-31", "99999-12-31", "2026-02-30",
            "2026-02-29", "2028-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-1", "2026/01/01", "01-01-2026",
            "2026-01-01T00:00:00Z", "", " ", "today", "1970-01-01", "9999-12-31", "+999999999-12-31", "-999999999-01-01",
            "+1000000000-01-01", "2026-W01-1", "２０２６-０１-０１", "2026-01-01\u0000", "1900-01-01", "2100-12-31");
    private static final List<String> ODD_INSTANTS = List.of("0000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z",
            "-1000000000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "2026-02-30T00:00:00Z", "2026-01-01T25:00:00Z",
            "2026-01-01T00:00:00+25:00", "2026-01-01", "1970-01-01T00:00:00Z", "2026-01-01T00:00:00.1234567891Z");

    private void oddDate(Draft draft) {
        int kind = random.nextInt(10);
        Hostile hostile;
        if (kind < 6) {
            String value = pick(ODD_DATES);
            hostile = Hostile.text("date \"" + value + "\"", value);
        } else if (kind < 8) {
            String value = pick(ODD_INSTANTS);
            hostile = Hostile.text("timestamp " + value, value);
        } else {
            String value = pick(List.of("[2026,2,30]", "[99999,1,1]", "[]", "[2026]", "20260101", "1e20", "-9223372036854775808",
                    "9223372036854775807", "[2026,1,1,0,0,0,0,0,0]"));
            hostile = new Hostile("date as " + value, ascii(value), encode(value));
        }
        place(draft, hostile, RequestFactory::isDate);
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1);
    }

    private static final List<String> ODD_NUMBERS = List.of("1e400", "-1e400", "1e-400", "NaN", "Infinity", "-Infinity",
            "99999999999999999999999999", "-99999999999999999999999999", "2147483648", "-2147483649", "9223372036854775808",
            "1.5", "-0", "0", "-1", "0x10", "01", "1_000", "1e2", "1E+2", ".5", "5.", "+1", "1.0e1000000000", "-2147483648",
            "\"12\"", "\"\"", "\" 5\"", "\"٣\"", "1e309", "4.9e-325");

    private void oddNumber(Draft draft) {
        String value = random.nextInt(6) == 0 ? "9".repeat(pick(List.of(1_001, 5_000, 100_000))) : pick(ODD_NUMBERS);
        String paramValue = value.startsWith("\"") ? unquote(value) : value;
        String label = value.length() > 40 ? "a number of " + value.length() + " digits" : value;
        place(draft, new Hostile(label, value.getBytes(StandardCharsets.UTF_8), encode(paramValue)), RequestFactory::isNumeric);
    }

    private static final List<String> PATH_VALUES = List.of("..", "../..", "%2e%2e", "%2e%2e%2f%2e%2e", "%252e%252e", ".%2e",
            "..%2f..%2fq%2fopenapi", "..%5c..", "%c0%ae%c0%ae", "'", "'%20OR%20'1'%3D'1", "1%3BDROP%20TABLE%20domainevententry",
            "%22", "%3Cscript%3E", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
            "123e4567-e89b-12d3-a456-42661417400g", "123e4567e89b12d3a456426614174000", "1-1-1-1-1", "{id}",
            "%00", "%ff%fe", "%c3%28", "%", "%zz", "%u002e", "%F0%9F%99%82", "%E4%B8%AD%E6%96%87", "%E2%80%AE", "%3B",
            ";a=b", "~", "*", "%24(id)", "null", "undefined", "-1", "0", "99999999999999999999999", "%20", "+", "%2F", "%2F%2F",
            "a".repeat(5000), "a".repeat(70_000), "123e4567-e89b-12d3-a456-426614174000" + "0".repeat(3000),
            "%ED%A0%80", "%0d%0aX-Injected:%201", "%E2%80%8B");
    private static final List<String> PATH_SUFFIXES = List.of("/..", "/../..", "/%2e%2e/q/openapi", "//", "/", "/;a=b",
            "/x", "/%00", "/..%2f..%2f", "/.", "/%", "/%zz");

    private void pathInjection(Draft draft) {
        if (!draft.path.isEmpty() && random.nextInt(5) > 0) {
            String name = pick(new ArrayList<>(draft.path.keySet()));
            String value = pick(PATH_VALUES);
            draft.path.put(name, value.getBytes(StandardCharsets.US_ASCII));
            draft.note("path " + name + " ← " + (value.length() > 60 ? value.length() + " characters" : value));
        } else {
            draft.suffix = pick(PATH_SUFFIXES);
            draft.note("path + " + draft.suffix);
        }
    }

    private static final List<String> QUERY_VALUES = List.of("'", "'%20OR%20'1'%3D'1", "1%3BDROP%20TABLE%20webhook--",
            "%25", "%", "%zz", "%00", "%c3%28", "%ff", "%ED%A0%80", "..%2f..", "%3Cscript%3E", "%E2%80%AE", "%F0%9F%99%82",
            "%20", "+", "", "-1", "1e400", "NaN", "2147483648", "0x10", "%0d%0a", "a%26b%3Dc", "%5B%5D", "%7B%7D", "true",
            "9999-99-99", "0000-01-01", "2026-02-30", "%2B99999-12-31", "000000", "999999", "１５０１００",
            "a".repeat(3000), "%E4%B8%AD".repeat(2000));

    private void queryInjection(Draft draft) {
        List<ApiOperation.Parameter> declared = draft.operation.parameters("query");
        int kind = random.nextInt(5);
        if (kind < 3 && !declared.isEmpty()) {
            String name = pick(declared).name();
            String value = pick(QUERY_VALUES);
            draft.query.put(name, value.getBytes(StandardCharsets.UTF_8));
            draft.note("query " + name + " ← " + (value.length() > 60 ? value.length() + " characters" : value));
        } else if (kind == 3 && !declared.isEmpty()) {
            String name = pick(declared).name();
            draft.extraQuery.add(ascii(name + "=" + encodeString(pick(List.of("a", "1", "2026")))));
            draft.extraQuery.add(ascii(name + "=" + encodeString(pick(List.of("b", "2", "1999")))));
            draft.note("query " + name + " twice");
        } else {
            String raw = pick(List.of("%", "%zz=1", "=x", "&&&", "a[b]=1", "a[]=1&a[]=2", "%00=%00", "q=%ff", "x=1;y=2",
                    "__proto__[admin]=1", "a=" + "b".repeat(9000)));
            draft.extraQuery.add(raw.getBytes(StandardCharsets.US_ASCII));
            draft.note("raw query " + (raw.length() > 60 ? raw.length() + " characters" : raw));
        }
    }

    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data", "multipart/form-data; boundary=xyz", "application/json; charset=utf-16",
            "application/json; charset=nonsense", "application/json; charset=ISO-8859-1", "application/json;;",
            "application/", "/", "a/b/c", "*/*", "application/problem+json", "application/json; boundary=\"", "",
            "application/octet-stream", "text/html; charset=\u00e9", "application/json\u0000", "application/vnd.api+json",
            "application/json; charset=\"utf-8");
    private static final List<String> ACCEPTS = List.of("application/xml", "text/html", "*/*;q=abc", "garbage", "", "text/csv",
            "application/json;q=0", "image/png", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "text/event-stream", "*/;", "application/*", "a/b/c");

    private void contentType(Draft draft) {
        if (random.nextInt(3) == 0) {
            String accept = pick(ACCEPTS);
            draft.headers.put("Accept", accept.getBytes(StandardCharsets.UTF_8));
            draft.note("Accept: " + accept);
            return;
        }
        String type = pick(CONTENT_TYPES);
        if (random.nextInt(8) == 0) {
            draft.contentType = null;
            draft.note("no Content-Type");
        } else {
            if (draft.multipart() && !type.startsWith("multipart")) {
                draft.rawBody = draft.renderBody();
                draft.parts.clear();
            }
            draft.contentType = type;
            draft.note("Content-Type: " + type);
        }
        if (draft.rawBody == null && draft.body == null && !draft.multipart() && random.nextBoolean()) {
            draft.rawBody = pick(List.of("<x/>", "a=b&c=d", "{\"a\":1}", "\u00e9t\u00e9")).getBytes(StandardCharsets.ISO_8859_1);
        } else if (draft.body != null && type.contains("ISO-8859-1")) {
            draft.rawBody = new String(draft.renderJson(), StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private void headers(Draft draft) {
        switch (random.nextInt(5)) {
            case 0, 1 -> {
                String key = pick(List.of("", " ", "k".repeat(101), "k".repeat(7000), "键", "a b", "\u00ff\u00fe", "key\u0000",
                        idempotencyKey(draft.operation)));
                draft.headers.put("Idempotency-Key", key.getBytes(key.equals("\u00ff\u00fe") ? StandardCharsets.ISO_8859_1
                        : StandardCharsets.UTF_8));
                draft.note("Idempotency-Key: " + (key.length() > 40 ? key.length() + " characters" : key));
            }
            case 2 -> {
                draft.headers.put("Accept-Language", utf8(pick(List.of("zz", "*;q=x", "中文", "en-US,en;q=0.9,*;q=0.1"))));
                draft.headers.put("X-Forwarded-For", ascii(pick(List.of("999.999.999.999", "'; DROP", "::1, ::1"))));
                draft.note("odd Accept-Language and X-Forwarded-For");
            }
            case 3 -> {
                draft.headers.put("Accept-Encoding", ascii(pick(List.of("gzip;q=x", "br, zstd, *", "identity;q=0"))));
                draft.headers.put("Content-Encoding", ascii(pick(List.of("gzip", "deflate", "nonsense"))));
                draft.note("a Content-Encoding the body does not have");
            }
            default -> {
                draft.headers.put("X-Fuzz", utf8(pick(List.of("中文头", "\u00ff", "🙂", "x".repeat(3000)))));
                draft.note("non-ASCII or long custom header");
            }
        }
    }

    private void noOrBadToken(Draft draft) {
        String token = pick(badTokens.isEmpty() ? List.of("") : badTokens);
        String header = pick(List.of("Bearer " + token, "Bearer", "Basic dXNlcjpwYXNz", "bearer " + token, token, "Bearer  " + token,
                "Bearer " + token + "x", "Bearer " + "a".repeat(5000)));
        if (random.nextInt(4) == 0) {
            draft.headers.remove("Authorization");
            draft.note("no Authorization");
        } else {
            draft.headers.put("Authorization", ascii(header));
            draft.note("Authorization: " + (header.length() > 40 ? header.substring(0, 40) + "…" : header));
        }
    }

    // ------------------------------------------------------------------ rendering

    /** A part of a multipart/form-data body. */
    private record Part(String name, String filename, String contentType, byte[] content) {
    }

    private final class Draft {
        final ApiOperation operation;
        final Attack attack;
        final StringBuilder detail = new StringBuilder();
        final Map<String, byte[]> path = new LinkedHashMap<>();
        final Map<String, byte[]> query = new LinkedHashMap<>();
        final List<byte[]> extraQuery = new ArrayList<>();
        final Map<String, byte[]> headers = new LinkedHashMap<>();
        final List<Part> parts = new ArrayList<>();
        final Map<String, byte[]> rawValues = new LinkedHashMap<>();
        JsonNode body;
        byte[] rawBody;
        String contentType;
        String suffix = "";

        Draft(ApiOperation operation, Attack attack) {
            this.operation = operation;
            this.attack = attack;
        }

        boolean multipart() {
            return operation.body() != null && operation.body().mediaType().startsWith("multipart/");
        }

        void note(String text) {
            detail.append(detail.isEmpty() ? "" : "; ").append(text);
        }

        void putRaw(Slot slot, byte[] rawJson) {
            if (!(body instanceof ObjectNode)) {
                body = NODES.objectNode();
            }
            ObjectNode object = (ObjectNode) body;
            String placeholder = String.format(PLACEHOLDER, rawValues.size());
            rawValues.put(placeholder, rawJson);
            if (slot.item()) {
                object.putArray(slot.field()).add(placeholder);
            } else {
                object.put(slot.field(), placeholder);
            }
        }

        void putParam(String in, String name, byte[] value) {
            switch (in) {
                case "path" -> path.put(name, value);
                case "header" -> headers.put(name, decodePercent(value));
                default -> query.put(name, value);
            }
        }

        byte[] renderJson() {
            byte[] json;
            try {
                json = JSON.writeValueAsBytes(body == null ? NODES.objectNode() : body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            for (Map.Entry<String, byte[]> raw : rawValues.entrySet()) {
                json = replace(json, ("\"" + raw.getKey() + "\"").getBytes(StandardCharsets.US_ASCII), raw.getValue());
            }
            return json;
        }

        byte[] renderBody() {
            if (rawBody != null) {
                return rawBody;
            }
            if (multipart()) {
                return multipartBody();
            }
            return body == null ? null : renderJson();
        }

        private byte[] multipartBody() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Part part : parts) {
                out.writeBytes(ascii("--" + BOUNDARY + "\r\n"));
                String disposition = "Content-Disposition: form-data; name=\"" + part.name() + "\""
                        + (part.filename() == null ? "" : "; filename=\"" + part.filename() + "\"") + "\r\n";
                out.writeBytes(disposition.getBytes(StandardCharsets.UTF_8));
                out.writeBytes(ascii("Content-Type: " + part.contentType() + "\r\n\r\n"));
                out.writeBytes(part.content());
                out.writeBytes(ascii("\r\n"));
            }
            out.writeBytes(ascii("--" + BOUNDARY + "--\r\n"));
            return out.toByteArray();
        }

        FuzzRequest render() {
            ByteArrayOutputStream target = new ByteArrayOutputStream();
            String template = operation.path();
            int at = 0;
            while (at < template.length()) {
                int open = template.indexOf('{', at);
                if (open < 0) {
                    target.writeBytes(ascii(template.substring(at)));
                    break;
                }
                int close = template.indexOf('}', open);
                target.writeBytes(ascii(template.substring(at, open)));
                String name = template.substring(open + 1, close);
                target.writeBytes(path.getOrDefault(name, new byte[0]));
                at = close + 1;
            }
            target.writeBytes(ascii(suffix));
            List<byte[]> pairs = new ArrayList<>();
            query.forEach((name, value) -> pairs.add(concat(ascii(encodeString(name) + "="), value)));
            pairs.addAll(extraQuery);
            for (int i = 0; i < pairs.size(); i++) {
                target.write(i == 0 ? '?' : '&');
                target.writeBytes(pairs.get(i));
            }
            Map<String, byte[]> sent = new LinkedHashMap<>(headers);
            byte[] bytes = renderBody();
            if (contentType != null && (bytes != null || random.nextInt(4) == 0)) {
                String type = multipart() && contentType.equals(operation.body().mediaType()) && rawBody == null
                        ? contentType + "; boundary=" + BOUNDARY : contentType;
                sent.put("Content-Type", type.getBytes(StandardCharsets.UTF_8));
            }
            if (bytes == null && (operation.method().equals("POST") || operation.method().equals("PUT"))) {
                bytes = new byte[0]; // a POST or PUT always says how long its (empty) body is
            }
            return new FuzzRequest(operation, attack, detail.toString(), operation.method(), target.toByteArray(),
                    sent, bytes);
        }
    }

    private static final String BOUNDARY = "fuzzBoundary7MA4YWxkTrZu0gW";

    // ------------------------------------------------------------------ encodings

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Percent-encodes every byte but the unreserved ones; lone surrogates become their (invalid) three-byte form. */
    static byte[] encode(String value) {
        return ascii(encodeString(value));
    }

    private static String encodeString(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : wtf8(value)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    /** UTF-8, except that a lone surrogate is encoded as if it were a character (which UTF-8 forbids). */
    private static byte[] wtf8(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        value.codePoints().forEach(cp -> {
            if (cp < 0x80) {
                out.write(cp);
            } else if (cp < 0x800) {
                out.write(0xC0 | cp >> 6);
                out.write(0x80 | cp & 0x3F);
            } else if (cp < 0x10000) {
                out.write(0xE0 | cp >> 12);
                out.write(0x80 | cp >> 6 & 0x3F);
                out.write(0x80 | cp & 0x3F);
            } else {
                out.write(0xF0 | cp >> 18);
                out.write(0x80 | cp >> 12 & 0x3F);
                out.write(0x80 | cp >> 6 & 0x3F);
                out.write(0x80 | cp & 0x3F);
            }
        });
        return out.toByteArray();
    }

    /** A JSON string literal; lone surrogates as {@code \\uXXXX} escapes, which JSON allows and a decoder must judge. */
    static byte[] jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) && !paired) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return utf8(out.append('"').toString());
    }

    private static byte[] decodePercent(byte[] encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length; i++) {
            if (encoded[i] == '%' && i + 2 < encoded.length && isHex(encoded[i + 1]) && isHex(encoded[i + 2])) {
                out.write(Integer.parseInt(new String(encoded, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(encoded[i]);
            }
        }
        byte[] bytes = out.toByteArray();
        // CR and LF would end the header line: they are sent as seen, escaped
        for (byte b : bytes) {
            if (b == '\r' || b == '\n') {
                return encoded;
            }
        }
        return bytes;
    }

    private static boolean isHex(byte b) {
        return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static byte[] appendBeforeClose(byte[] json, String addition) {
        int end = json.length - 1;
        while (end > 0 && json[end] != '}') {
            end--;
        }
        if (end <= 0) {
            return utf8("{" + addition.substring(1) + "}");
        }
        boolean empty = json[end - 1] == '{';
        byte[] add = utf8(empty ? addition.substring(1) : addition);
        byte[] joined = new byte[json.length + add.length];
        System.arraycopy(json, 0, joined, 0, end);
        System.arraycopy(add, 0, joined, end, add.length);
        System.arraycopy(json, end, joined, end + add.length, json.length - end);
        return joined;
    }

    private static byte[] replace(byte[] source, byte[] what, byte[] with) {
        int index = indexOf(source, what);
        if (index < 0) {
            return source;
        }
        byte[] out = new byte[source.length - what.length + with.length];
        System.arraycopy(source, 0, out, 0, index);
        System.arraycopy(with, 0, out, index, with.length);
        System.arraycopy(source, index + what.length, out, index + with.length, source.length - index - what.length);
        return out;
    }

    private static int indexOf(byte[] source, byte[] what) {
        outer:
        for (int i = 0; i <= source.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (source[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
