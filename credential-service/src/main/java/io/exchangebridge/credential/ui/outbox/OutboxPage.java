package io.exchangebridge.credential.ui.outbox;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonAlias;

import io.exchangebridge.credential.ui.Console;
import io.exchangebridge.credential.ui.Page;
import io.exchangebridge.credential.ui.Peer;
import io.exchangebridge.credential.ui.PeerClient;
import io.exchangebridge.credential.ui.PeerResult;
import io.exchangebridge.foundation.http.UrlPaths;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The smtp-service's outbox: recent outgoing mail with its status, the upstream reply and its explanation, searched by
 * sender, recipient, subject and status (keyset pages, newest first), and one message's status. Bodies are never shown.
 */
@Path("/ui/outbox")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class OutboxPage {

    /** The outbox statuses, for the search's select. */
    static final List<String> STATUSES = List.of("QUEUED", "SENDING", "SENT", "RETRYING", "FAILED");

    /** An outgoing message; the status API's {@code from} and {@code lastReply} are read as the list's names. */
    public record Message(String id, String status, @JsonAlias("from") String sender, List<String> recipients,
            String subject, Instant createdAt, Instant sentAt, int attempts, Instant nextAttemptAt,
            @JsonAlias("lastReply") String upstreamReply, String explanation, String transport, String messageId,
            String idempotencyKey) {

        public String tone() {
            return switch (status == null ? "" : status) {
                case "SENT" -> "ok";
                case "RETRYING" -> "warn";
                case "FAILED" -> "error";
                default -> "info";
            };
        }
    }

    /** A page of {@code GET /api/messages}. */
    public record MessagePage(List<Message> items, String nextCursor) {
    }

    /** The search as typed. */
    public record Search(String sender, String recipient, String subject, String status) {

        /** This search's URL for the page after {@code cursor}. */
        public String next(String cursor) {
            return PeerClient.query("/ui/outbox", "sender", sender, "recipient", recipient, "subject", subject,
                    "status", status, "cursor", cursor);
        }
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance outbox(Page page, Console.PeerStatus peer, Search search,
                List<String> statuses, List<Message> messages, String next);

        static native TemplateInstance message(Page page, Message message);
    }

    private final PeerClient peers;
    private final Console console;

    public OutboxPage(PeerClient peers, Console console) {
        this.peers = peers;
        this.console = console;
    }

    @GET
    public TemplateInstance search(@QueryParam("sender") String sender, @QueryParam("recipient") String recipient,
            @QueryParam("subject") String subject, @QueryParam("status") String status,
            @QueryParam("cursor") String cursor) {
        Search search = new Search(sender, recipient, subject, status);
        PeerResult<MessagePage> page = peers.get(Peer.SMTP,
                PeerClient.query("/api/messages", "sender", sender, "recipient", recipient, "subject", subject,
                        "status", status, "cursor", cursor, "limit", "50"),
                MessagePage.class);
        List<Message> messages = page.ok() && page.value().items() != null ? page.value().items() : List.of();
        String next = page.ok() && page.value().nextCursor() != null ? search.next(page.value().nextCursor()) : null;
        return Templates.outbox(console.page("Outbox", "outbox"), console.status(Peer.SMTP, page), search, STATUSES,
                messages, next);
    }

    @GET
    @Path("/{id}")
    public TemplateInstance message(@PathParam("id") String id) {
        Message message = peers.get(Peer.SMTP, "/api/messages/" + UrlPaths.segment(id), Message.class).orThrow();
        return Templates.message(console.page("Message " + id, "outbox"), message);
    }
}
