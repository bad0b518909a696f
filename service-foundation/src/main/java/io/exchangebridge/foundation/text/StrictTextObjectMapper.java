package io.exchangebridge.foundation.text;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The mapper Quarkus REST reads request bodies with: the application's {@link ObjectMapper} plus the
 * {@link StrictTextModule}. Server side only, on purpose not an {@code ObjectMapperCustomizer}: that would change every
 * use of the application's mapper, such as reading stored Graph metadata, a peer service's listing or a token response,
 * which may rightly hold tabs and line breaks and are not input at this service's edge.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class StrictTextObjectMapper implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    public StrictTextObjectMapper(ObjectMapper application) {
        this.strict = application.copy().registerModule(new StrictTextModule());
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
