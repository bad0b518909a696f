package io.exchangebridge.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** Reading multi-document YAML, and the canonical form in which deploy/base/generated is committed. */
final class Manifests {

    static final List<String> SERVICES = List.of("credential-service", "import-service", "smtp-service");

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES).build());
    private static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {
    }

    /** The repository root (set by the build; the module directory's parent when run from an IDE). */
    static Path root() {
        return Path.of(System.getProperty("exchange-bridge.root", "..")).toAbsolutePath().normalize();
    }

    static List<JsonNode> read(String yaml) {
        try {
            List<JsonNode> docs = new ArrayList<>();
            Iterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> read(Path file) {
        try {
            return read(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The canonical text of manifests: documents by kind and name, keys sorted, lists of objects sorted.
     * quarkus-kubernetes writes labels and envFrom in hash order, which differs between builds of the same input; this
     * form does not. (Lists of scalars, such as commands, keep their order.)
     */
    static String canonical(List<JsonNode> docs) {
        List<JsonNode> sorted = new ArrayList<>(docs.stream().map(Manifests::canonical).toList());
        sorted.sort(Comparator.comparing((JsonNode d) -> d.path("kind").asText())
                .thenComparing(d -> d.path("metadata").path("name").asText()));
        StringBuilder out = new StringBuilder();
        for (JsonNode doc : sorted) {
            try {
                out.append("---\n").append(YAML.writeValueAsString(doc));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            node.properties().forEach(e -> fields.put(e.getKey(), canonical(e.getValue())));
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            fields.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            if (items.stream().allMatch(JsonNode::isObject)) {
                items.sort(Comparator.comparing(Manifests::json));
            }
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            items.forEach(copy::add);
            return copy;
        }
        return node;
    }

    private static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
