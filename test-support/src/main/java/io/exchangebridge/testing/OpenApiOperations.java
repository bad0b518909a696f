package io.exchangebridge.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations of an OpenAPI 3 document (as parsed JSON) and their text inputs: path and query parameters and the
 * string fields of JSON or form request bodies, {@code $ref}s resolved against {@code components/schemas}. For each
 * operation a baseline request body of well-typed values, so that a request differs from a plausible one only in the
 * one input under test.
 */
final class OpenApiOperations {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    enum In {
        PATH, QUERY, BODY
    }

    /**
     * One text input: a parameter, or a string leaf of a request body reached by {@code steps} (property names, and 0
     * for the element of an array).
     */
    record Input(In in, String name, String mediaType, String schemaProperty, List<Object> steps) {

        /**
         * The input's name as the problem detail gives it: a parameter's name, or a body path such as {@code to[0]}.
         */
        String expectedName() {
            if (in != In.BODY) {
                return name;
            }
            StringBuilder sb = new StringBuilder();
            for (Object step : steps) {
                if (step instanceof Integer i) {
                    sb.append('[').append(i).append(']');
                } else {
                    sb.append(sb.isEmpty() ? "" : ".").append(step);
                }
            }
            return sb.toString();
        }

        String describe() {
            return switch (in) {
                case PATH -> "path parameter '" + name + "'";
                case QUERY -> "query parameter '" + name + "'";
                case BODY -> mediaType + " field " + schemaProperty + " at " + steps;
            };
        }
    }

    record Operation(String method, String path, List<Input> inputs, Map<String, String> pathValues,
            String bodyMediaType, Object baselineBody) {

        String pathValue(String name) {
            return pathValues.getOrDefault(name, "x");
        }

        /**
         * {@code body} (the baseline when null) with the input's leaf set to {@code value}, creating the objects and
         * lists on the way that {@code body} lacks.
         */
        Object bodyWith(Object body, Input input, String value) {
            Object copy = deepCopy(body == null ? baselineBody : body);
            Object node = copy;
            List<Object> steps = input.steps();
            for (int i = 0; i < steps.size() - 1; i++) {
                Object child = get(node, steps.get(i));
                if (child == null) {
                    child = steps.get(i + 1) instanceof Integer ? new ArrayList<>() : new LinkedHashMap<>();
                    set(node, steps.get(i), child);
                }
                node = child;
            }
            set(node, steps.getLast(), value);
            return copy;
        }
    }

    private final Map<String, Object> schemas;
    private final List<Operation> operations = new ArrayList<>();

    @SuppressWarnings("unchecked")
    OpenApiOperations(Map<String, Object> document) {
        Map<String, Object> components = (Map<String, Object>) document.getOrDefault("components", Map.of());
        this.schemas = (Map<String, Object>) components.getOrDefault("schemas", Map.of());
        Map<String, Object> paths = (Map<String, Object>) document.getOrDefault("paths", Map.of());
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, op) -> {
            if (METHODS.contains(method)) {
                operations.add(operation(path, method, (Map<String, Object>) item, (Map<String, Object>) op));
            }
        }));
    }

    List<Operation> operations() {
        return operations;
    }

    @SuppressWarnings("unchecked")
    private Operation operation(String path, String method, Map<String, Object> item, Map<String, Object> op) {
        List<Input> inputs = new ArrayList<>();
        Map<String, String> pathValues = new LinkedHashMap<>();
        List<Object> parameters = new ArrayList<>((List<Object>) item.getOrDefault("parameters", List.of()));
        parameters.addAll((List<Object>) op.getOrDefault("parameters", List.of()));
        for (Object p : parameters) {
            Map<String, Object> parameter = resolve((Map<String, Object>) p);
            String name = (String) parameter.get("name");
            String in = (String) parameter.get("in");
            if ("path".equals(in)) {
                inputs.add(new Input(In.PATH, name, null, "path:" + name, List.of()));
                pathValues.put(name, String.valueOf(baseline(schemaOf(parameter), new HashSet<>())));
            } else if ("query".equals(in)) {
                inputs.add(new Input(In.QUERY, name, null, "query:" + name, List.of()));
            }
        }
        String bodyMediaType = null;
        Object baselineBody = null;
        Map<String, Object> requestBody = (Map<String, Object>) op.get("requestBody");
        if (requestBody != null) {
            Map<String, Object> content = (Map<String, Object>) resolve(requestBody).getOrDefault("content", Map.of());
            for (Map.Entry<String, Object> entry : content.entrySet()) {
                String mediaType = entry.getKey();
                boolean json = mediaType.equals("application/json") || mediaType.endsWith("+json");
                boolean form = mediaType.equals("application/x-www-form-urlencoded");
                if (!json && !form) {
                    continue; // raw MIME and other bytes are kept byte-exact, never checked as text
                }
                Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) entry.getValue())
                        .getOrDefault("schema", Map.of());
                Object baseline = baseline(schema, new HashSet<>());
                if (bodyMediaType == null) {
                    bodyMediaType = mediaType;
                    baselineBody = baseline;
                }
                List<Input> leaves = new ArrayList<>();
                stringLeaves(schema, null, null, new ArrayList<>(), mediaType, leaves, new HashSet<>());
                for (Input leaf : leaves) {
                    if (form && leaf.steps().size() != 1) {
                        continue;
                    }
                    inputs.add(leaf);
                }
                if (!mediaType.equals(bodyMediaType)) {
                    // a second JSON media type shares the first's baseline; its leaves are the same fields
                    inputs.removeIf(i -> i.in() == In.BODY && i.mediaType().equals(mediaType));
                }
            }
        }
        return new Operation(method, path, inputs, pathValues, bodyMediaType, baselineBody);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> schemaOf(Map<String, Object> holder) {
        return resolve((Map<String, Object>) holder.getOrDefault("schema", Map.of()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        if (ref instanceof String r && r.startsWith("#/components/schemas/")) {
            return resolve((Map<String, Object>) schemas.get(r.substring("#/components/schemas/".length())));
        }
        Object allOf = schema.get("allOf");
        if (allOf instanceof List<?> parts && parts.size() == 1) {
            return resolve((Map<String, Object>) parts.getFirst());
        }
        return schema;
    }

    private static String refName(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        if (ref == null && schema.get("allOf") instanceof List<?> parts && parts.size() == 1
                && parts.getFirst() instanceof Map<?, ?> part) {
            ref = part.get("$ref");
        }
        return ref instanceof String r ? r.substring(r.lastIndexOf('/') + 1) : null;
    }

    /** Collects the string leaves of {@code schema}; {@code owner} names the enclosing object schema. */
    @SuppressWarnings("unchecked")
    private void stringLeaves(Map<String, Object> raw, String owner, String property, List<Object> steps,
            String mediaType, List<Input> out, Set<String> visiting) {
        String ref = refName(raw);
        if (ref != null && !visiting.add(ref)) {
            return;
        }
        Map<String, Object> schema = resolve(raw);
        String type = (String) schema.get("type");
        if ("string".equals(type) && property != null) {
            out.add(new Input(In.BODY, property, mediaType, owner + "." + property, List.copyOf(steps)));
        } else if ("array".equals(type) && schema.get("items") instanceof Map<?, ?> items) {
            steps.add(0);
            stringLeaves((Map<String, Object>) items, owner, property, steps, mediaType, out, visiting);
            steps.removeLast();
        } else if (schema.get("properties") instanceof Map<?, ?> properties) {
            String name = ref != null ? ref : owner;
            ((Map<String, Object>) properties).forEach((p, s) -> {
                steps.add(p);
                stringLeaves((Map<String, Object>) s, name, p, steps, mediaType, out, visiting);
                steps.removeLast();
            });
        } else if (schema.get("additionalProperties") instanceof Map<?, ?> values) {
            steps.add("k");
            stringLeaves((Map<String, Object>) values, owner, property, steps, mediaType, out, visiting);
            steps.removeLast();
        }
        if (ref != null) {
            visiting.remove(ref);
        }
    }

    /** A well-typed value for {@code schema}: the first enum constant, a valid date-time or UUID, "x", 1, false. */
    @SuppressWarnings("unchecked")
    private Object baseline(Map<String, Object> raw, Set<String> visiting) {
        String ref = refName(raw);
        if (ref != null && !visiting.add(ref)) {
            return null;
        }
        try {
            Map<String, Object> schema = resolve(raw);
            if (schema.get("enum") instanceof List<?> constants && !constants.isEmpty()) {
                return constants.getFirst();
            }
            String type = (String) schema.get("type");
            String format = (String) schema.get("format");
            if ("string".equals(type)) {
                return switch (format == null ? "" : format) {
                    case "date-time" -> "2030-01-01T00:00:00Z";
                    case "date" -> "2030-01-01";
                    case "uuid" -> "00000000-0000-4000-8000-000000000001";
                    default -> "x";
                };
            }
            if ("integer".equals(type) || "number".equals(type)) {
                return 1;
            }
            if ("boolean".equals(type)) {
                return false;
            }
            if ("array".equals(type)) {
                List<Object> list = new ArrayList<>();
                if (schema.get("items") instanceof Map<?, ?> items) {
                    list.add(baseline((Map<String, Object>) items, visiting));
                }
                return list;
            }
            Map<String, Object> object = new LinkedHashMap<>();
            if (schema.get("properties") instanceof Map<?, ?> properties) {
                ((Map<String, Object>) properties).forEach(
                        (p, s) -> object.put(p, baseline((Map<String, Object>) s, visiting)));
            } else if (schema.get("additionalProperties") instanceof Map<?, ?> values) {
                object.put("k", baseline((Map<String, Object>) values, visiting));
            }
            return object;
        } finally {
            if (ref != null) {
                visiting.remove(ref);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Object get(Object node, Object step) {
        if (step instanceof Integer i) {
            List<Object> list = (List<Object>) node;
            return i < list.size() ? list.get(i) : null;
        }
        return ((Map<String, Object>) node).get(step);
    }

    @SuppressWarnings("unchecked")
    private static void set(Object node, Object step, Object value) {
        if (step instanceof Integer i) {
            List<Object> list = (List<Object>) node;
            while (list.size() <= i) {
                list.add(null);
            }
            list.set(i, value);
        } else {
            ((Map<String, Object>) node).put((String) step, value);
        }
    }
}
