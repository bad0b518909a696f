package io.exchangebridge.importer.graph;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads Graph's OData envelope ({@code value}, {@code @odata.nextLink}, {@code @odata.deltaLink}, {@code @removed}).
 */
final class GraphPages {

    private GraphPages() {
    }

    static <T> GraphPage<T> read(ObjectMapper json, InputStream in, Class<T> item, Function<String, URI> checkLink)
            throws IOException {
        byte[] bytes = in.readAllBytes();
        JsonNode page = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        List<T> items = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (JsonNode entry : page.path("value")) {
            if (entry.has("@removed")) {
                removed.add(entry.path("id").asText());
            } else {
                items.add(json.treeToValue(entry, item));
            }
        }
        Optional<URI> next = Optional.ofNullable(page.path("@odata.nextLink").asText(null)).map(checkLink);
        return new GraphPage<>(items, removed, next, Optional.ofNullable(page.path("@odata.deltaLink").asText(null)));
    }
}
