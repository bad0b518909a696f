package io.exchangebridge.simulator.graph;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Collection pages with an absolute {@code @odata.nextLink} on the host the client called. */
final class Paging {

    private Paging() {
    }

    static ObjectNode page(GraphRequest request, String context, List<? extends JsonNode> items, int skip, int top,
            int total) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("@odata.context", context);
        if (request.param("$count").filter(c -> c.equalsIgnoreCase("true")).isPresent()) {
            body.put("@odata.count", total);
        }
        ArrayNode value = body.putArray("value");
        items.forEach(value::add);
        if (skip + top < total) {
            body.put("@odata.nextLink", link(request, "$skip", Integer.toString(skip + top), true));
        }
        return body;
    }

    /**
     * The request's own URL with one parameter set.
     *
     * @param keepOthers
     *            false for delta links, whose token carries the rest of the query
     */
    static String link(GraphRequest request, String name, String value, boolean keepOthers) {
        StringBuilder url = new StringBuilder(request.baseUrl()).append(request.rawPath()).append('?');
        if (keepOthers) {
            for (Map.Entry<String, String> param : request.query().entrySet()) {
                if (!param.getKey().equals(name)) {
                    url.append(param.getKey()).append('=').append(encode(param.getValue())).append('&');
                }
            }
        }
        return url.append(name).append('=').append(encode(value)).toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
