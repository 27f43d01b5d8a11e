package org.duallist.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One operation of an OpenAPI 3 document, with every {@code $ref} of its parameters and request
 * body resolved, so that the fuzzer reads plain schemas.
 *
 * @param body the request body's schema and media type, or null when the operation takes none
 */
public record ApiOperation(String method, String path, List<Parameter> parameters, Body body, boolean secured) {

    /** A path, query or header parameter. */
    public record Parameter(String name, String in, JsonNode schema, boolean required) {
    }

    /** The first media type the operation consumes, and its schema. */
    public record Body(String mediaType, JsonNode schema, boolean required) {
    }

    /** The endpoint family the counts are kept by: {@code POST /api/tasks/{id}/claim}. */
    public String key() {
        return method + " " + path;
    }

    public List<Parameter> parameters(String in) {
        return parameters.stream().filter(p -> p.in().equals(in)).toList();
    }

    /** Every operation of the document, ordered by path and method so that a seed always means the same requests. */
    public static List<ApiOperation> parse(JsonNode document) {
        SchemaResolver resolver = new SchemaResolver(document);
        List<ApiOperation> operations = new ArrayList<>();
        boolean securedByDefault = document.path("security").size() > 0;
        document.path("paths").fields().forEachRemaining(path -> {
            JsonNode common = path.getValue().path("parameters");
            path.getValue().fields().forEachRemaining(entry -> {
                String method = entry.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    return;
                }
                JsonNode operation = entry.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode list : List.of(common, operation.path("parameters"))) {
                    for (JsonNode parameter : list) {
                        JsonNode resolved = resolver.resolve(parameter);
                        parameters.add(new Parameter(resolved.path("name").asText(), resolved.path("in").asText(),
                                resolver.resolve(resolved.path("schema")), resolved.path("required").asBoolean(false)));
                    }
                }
                Body body = null;
                JsonNode requestBody = resolver.resolve(operation.path("requestBody"));
                Iterator<Map.Entry<String, JsonNode>> contents = requestBody.path("content").fields();
                if (contents.hasNext()) {
                    Map.Entry<String, JsonNode> content = contents.next();
                    body = new Body(content.getKey(), resolver.resolve(content.getValue().path("schema")),
                            requestBody.path("required").asBoolean(false));
                }
                boolean secured = operation.has("security") ? operation.path("security").size() > 0 : securedByDefault;
                operations.add(new ApiOperation(method, path.getKey(), List.copyOf(parameters), body, secured));
            });
        });
        operations.sort(Comparator.comparing(ApiOperation::path).thenComparing(ApiOperation::method));
        return List.copyOf(operations);
    }

    /**
     * Inlines {@code $ref}s, merging the sibling keywords SmallRye OpenAPI writes beside a reference
     * (a property's {@code description}, {@code examples}) over the referenced schema.
     */
    static final class SchemaResolver {
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final int MAX_DEPTH = 12;
        private final JsonNode document;

        SchemaResolver(JsonNode document) {
            this.document = document;
        }

        JsonNode resolve(JsonNode node) {
            return resolve(node, 0);
        }

        private JsonNode resolve(JsonNode node, int depth) {
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JSON.createObjectNode();
            }
            if (!node.isObject() || depth > MAX_DEPTH) {
                return node;
            }
            ObjectNode resolved = JSON.createObjectNode();
            if (node.has("$ref")) {
                String ref = node.get("$ref").asText();
                JsonNode target = document.at(ref.startsWith("#") ? ref.substring(1) : ref);
                JsonNode inlined = resolve(target, depth + 1);
                if (inlined.isObject()) {
                    resolved.setAll((ObjectNode) inlined);
                }
            }
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    return;
                }
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                    case "properties" -> {
                        ObjectNode properties = JSON.createObjectNode();
                        value.fields().forEachRemaining(p -> properties.set(p.getKey(), resolve(p.getValue(), depth + 1)));
                        resolved.set("properties", properties);
                    }
                    case "items", "additionalProperties", "schema" -> resolved.set(field.getKey(), resolve(value, depth + 1));
                    case "allOf", "oneOf", "anyOf" -> {
                        var list = JSON.createArrayNode();
                        value.forEach(v -> list.add(resolve(v, depth + 1)));
                        resolved.set(field.getKey(), list);
                    }
                    default -> resolved.set(field.getKey(), value);
                }
            });
            return resolved;
        }
    }
}
