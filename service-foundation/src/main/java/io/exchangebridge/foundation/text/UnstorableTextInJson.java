package io.exchangebridge.foundation.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * {@link UnstorableText} while Jackson reads a request body. A Jackson exception, so that Jackson adds the path of the
 * field (such as {@code attachments[0].filename}) as it unwinds; the problem mapper names the field from that path.
 */
public final class UnstorableTextInJson extends JsonMappingException {

    private final String violation;

    UnstorableTextInJson(JsonParser parser, String violation) {
        super(parser, "Text contains " + violation);
        this.violation = violation;
    }

    /** As {@link TextRule#violation(String, boolean)} words it. */
    public String violation() {
        return violation;
    }
}
