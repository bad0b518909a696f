package io.exchangebridge.credential.ui.imports;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import io.exchangebridge.credential.ui.Console;
import io.exchangebridge.credential.ui.CsrfGuard;
import io.exchangebridge.credential.ui.Page;
import io.exchangebridge.credential.ui.Peer;
import io.exchangebridge.credential.ui.PeerClient;
import io.exchangebridge.credential.ui.PeerResult;
import io.exchangebridge.foundation.http.UrlPaths;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The import-service's runs: the recent ones, one run's per-mailbox results, and Import all. */
@Path("/ui/imports")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class ImportPages {

    /** The answer of {@code POST /api/imports} and {@code POST /api/mailboxes/{id}/imports}. */
    public record RunStarted(UUID runId, List<String> mailboxes) {
    }

    /** A run as {@code GET /api/imports/{runId}} answers it. */
    public record Run(UUID id, String trigger, String status, Instant createdAt, Instant finishedAt,
            List<Result> mailboxes) {

        public int imported() {
            return mailboxes == null ? 0 : mailboxes.stream().mapToInt(Result::imported).sum();
        }

        public int failed() {
            return mailboxes == null ? 0 : mailboxes.stream().mapToInt(Result::failed).sum();
        }

        public int count() {
            return mailboxes == null ? 0 : mailboxes.size();
        }

        /** The calendar events changed in all mailboxes, or null when no result has a count (no calendar synced). */
        public Integer eventsChanged() {
            return mailboxes == null || mailboxes.stream().allMatch(r -> r.eventsChanged() == null)
                    ? null
                    : mailboxes.stream().filter(r -> r.eventsChanged() != null).mapToInt(Result::eventsChanged)
                            .sum();
        }
    }

    /**
     * One mailbox's outcome in a run.
     *
     * @param eventsChanged
     *            calendar events created, changed or removed; null when the account's calendar is not synced (or the
     *            import-service has no calendar sync)
     */
    public record Result(String mailboxId, String status, int imported, int duplicates, int tooLarge, int failed,
            int actionsApplied, String errorCode, String reason, Instant startedAt, Instant finishedAt,
            Integer eventsChanged) {

        /** The badge's tone. */
        public String tone() {
            return switch (status == null ? "" : status) {
                case "SUCCEEDED" -> "ok";
                case "PARTIAL", "SKIPPED" -> "warn";
                case "FAILED" -> "error";
                default -> "info";
            };
        }
    }

    /** A page of {@code GET /api/imports}. */
    public record RunPage(List<Run> items, String nextCursor) {
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance runs(Page page, Console.PeerStatus peer, List<Run> runs, String next);

        static native TemplateInstance run(Page page, Run run);
    }

    private final PeerClient peers;
    private final Console console;

    public ImportPages(PeerClient peers, Console console) {
        this.peers = peers;
        this.console = console;
    }

    /** The browser goes to the run's page after starting it. */
    public static Response toRun(RunStarted run) {
        return Response.seeOther(URI.create("/ui/imports/" + run.runId())).build();
    }

    @GET
    public TemplateInstance runs(@QueryParam("cursor") String cursor) {
        PeerResult<RunPage> runs = peers.get(Peer.IMPORT,
                PeerClient.query("/api/imports", "limit", "50", "cursor", cursor), RunPage.class);
        return Templates.runs(console.page("Imports", "imports"), console.status(Peer.IMPORT, runs),
                runs.ok() && runs.value().items() != null ? runs.value().items() : List.of(),
                runs.ok() ? runs.value().nextCursor() : null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response importAll(@RestForm(CsrfGuard.FIELD) String token) {
        console.verify(token);
        return toRun(peers.post(Peer.IMPORT, "/api/imports", null, RunStarted.class).orThrow());
    }

    @GET
    @Path("/{runId}")
    public TemplateInstance run(@PathParam("runId") String runId) {
        Run run = peers.get(Peer.IMPORT, "/api/imports/" + UrlPaths.segment(runId), Run.class).orThrow();
        return Templates.run(console.page("Import run", "imports"), run);
    }
}
