package io.exchangebridge.importer.notification;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The public endpoints Graph POSTs to (unauthenticated: Graph sends no credentials; {@code clientState} authenticates
 * each entry). {@code ?validationToken=} is the handshake before a subscription is created: echoed as
 * {@code text/plain}. Anything else is handed to the {@link NotificationInbox} and answered 202 at once.
 */
@Path("/graph")
public class GraphNotificationResource {

    private final NotificationInbox inbox;

    public GraphNotificationResource(NotificationInbox inbox) {
        this.inbox = inbox;
    }

    @POST
    @Path("notifications")
    @Consumes(MediaType.WILDCARD)
    public Response notifications(@QueryParam("validationToken") String validationToken, byte[] body) {
        if (validationToken != null) {
            return echo(validationToken);
        }
        inbox.changes(body);
        return Response.accepted().build();
    }

    @POST
    @Path("lifecycle")
    @Consumes(MediaType.WILDCARD)
    public Response lifecycle(@QueryParam("validationToken") String validationToken, byte[] body) {
        if (validationToken != null) {
            return echo(validationToken);
        }
        inbox.lifecycle(body);
        return Response.accepted().build();
    }

    private static Response echo(String validationToken) {
        return Response.ok(validationToken, MediaType.TEXT_PLAIN_TYPE).header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
