package io.exchangebridge.credential.ui.mailbox;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
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

import com.fasterxml.jackson.core.type.TypeReference;

import io.exchangebridge.credential.ui.Console;
import io.exchangebridge.credential.ui.CsrfGuard;
import io.exchangebridge.credential.ui.FormProblems;
import io.exchangebridge.credential.ui.Page;
import io.exchangebridge.credential.ui.Peer;
import io.exchangebridge.credential.ui.PeerClient;
import io.exchangebridge.credential.ui.PeerResult;
import io.exchangebridge.credential.ui.imports.ImportPages;
import io.exchangebridge.foundation.http.UrlPaths;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The import-service's mailbox accounts in the console: list, create, edit (the folder picked from the mailbox's real
 * folders), enable/disable, delete after a confirmation, import now, and the recently imported messages.
 */
@Path("/ui/mailboxes")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class MailboxPages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page page, Console.PeerStatus peer, List<Mailbox> mailboxes,
                String notice);

        static native TemplateInstance form(Page page, MailboxForm form, boolean editing, FormProblems problems,
                List<Console.CredentialChoice> credentials, MailboxFolders.FolderPicker folders,
                List<String> folderPaths);

        static native TemplateInstance detail(Page page, Mailbox mailbox, Console.CredentialChoice credential,
                String notice, String error, List<Mailbox.Message> messages, String messagesError,
                UpcomingEvents.Upcoming events);

        static native TemplateInstance delete(Page page, Mailbox mailbox);
    }

    private final PeerClient peers;
    private final Console console;
    private final MailboxFolders folders;
    private final RecentMessages recent;
    private final UpcomingEvents upcoming;

    public MailboxPages(PeerClient peers, Console console, MailboxFolders folders, RecentMessages recent,
            UpcomingEvents upcoming) {
        this.peers = peers;
        this.console = console;
        this.folders = folders;
        this.recent = recent;
        this.upcoming = upcoming;
    }

    @GET
    public TemplateInstance list(@QueryParam("deleted") String deleted) {
        PeerResult<List<Mailbox>> mailboxes = peers.get(Peer.IMPORT, "/api/mailboxes",
                new TypeReference<List<Mailbox>>() {
                });
        return Templates.list(page("Mailboxes"), console.status(Peer.IMPORT, mailboxes),
                mailboxes.ok() ? mailboxes.value() : List.of(),
                deleted == null ? null : "Mailbox account '" + deleted + "' was deleted.");
    }

    @GET
    @Path("/new")
    public TemplateInstance createForm() {
        MailboxForm form = MailboxForm.blank();
        return form(form, false, FormProblems.none(), MailboxFolders.FolderPicker.NOT_LOADED);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@BeanParam MailboxForm form) {
        console.verify(form.csrf);
        return save(form, null);
    }

    @GET
    @Path("/{id}")
    public TemplateInstance detail(@PathParam("id") String id, @QueryParam("saved") String saved) {
        return detail(mailbox(id), savedText(saved), null);
    }

    @GET
    @Path("/{id}/edit")
    public TemplateInstance editForm(@PathParam("id") String id) {
        MailboxForm form = MailboxForm.of(mailbox(id));
        return form(form, true, FormProblems.none(), folders.picker(form));
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") String id, @BeanParam MailboxForm form) {
        console.verify(form.csrf);
        form.id = id;
        return save(form, id);
    }

    @POST
    @Path("/{id}/enable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response enable(@PathParam("id") String id, @RestForm(CsrfGuard.FIELD) String token) {
        return setEnabled(id, token, true);
    }

    @POST
    @Path("/{id}/disable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response disable(@PathParam("id") String id, @RestForm(CsrfGuard.FIELD) String token) {
        return setEnabled(id, token, false);
    }

    @POST
    @Path("/{id}/import")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response importNow(@PathParam("id") String id, @RestForm(CsrfGuard.FIELD) String token) {
        console.verify(token);
        PeerResult<ImportPages.RunStarted> run = peers.post(Peer.IMPORT,
                "/api/mailboxes/" + UrlPaths.segment(id) + "/imports", null, ImportPages.RunStarted.class);
        if (!run.ok()) {
            return Console.html(502, detail(mailbox(id), null, run.error()));
        }
        return ImportPages.toRun(run.value());
    }

    @GET
    @Path("/{id}/delete")
    public TemplateInstance confirmDelete(@PathParam("id") String id) {
        return Templates.delete(page("Delete " + id), mailbox(id));
    }

    @POST
    @Path("/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") String id, @RestForm(CsrfGuard.FIELD) String token) {
        console.verify(token);
        peers.delete(Peer.IMPORT, path(id)).orThrow();
        return Response.seeOther(URI.create("/ui/mailboxes?deleted=" + UrlPaths.segment(id))).build();
    }

    private Response save(MailboxForm form, String id) {
        boolean editing = id != null;
        if (form.loadFolders()) {
            return Response.ok(form(form, editing, FormProblems.none(), folders.picker(form)), MediaType.TEXT_HTML)
                    .build();
        }
        Map<String, String> own = new LinkedHashMap<>();
        Mailbox.Request request = form.toRequest(own);
        FormProblems problems;
        if (request == null) {
            problems = FormProblems.of(own, MailboxForm.LABELS);
        } else {
            PeerResult<Mailbox> saved = editing
                    ? peers.put(Peer.IMPORT, path(id), request, Mailbox.class)
                    : peers.post(Peer.IMPORT, "/api/mailboxes", request, Mailbox.class);
            if (saved.ok()) {
                return Response.seeOther(URI.create("/ui/mailboxes/" + UrlPaths.segment(saved.value().id())
                        + "?saved=" + (editing ? "updated" : "created"))).build();
            }
            problems = FormProblems.of(saved.failure(), MailboxForm.LABELS);
        }
        // The webhook secret is write-only: not sent back, not even the one just typed.
        form.webhookSecret = null;
        return Console.html(400, form(form, editing, problems, MailboxFolders.FolderPicker.NOT_LOADED));
    }

    private Response setEnabled(String id, String token, boolean enabled) {
        console.verify(token);
        Mailbox mailbox = mailbox(id);
        PeerResult<Mailbox> saved = peers.put(Peer.IMPORT, path(id), mailbox.withEnabled(enabled), Mailbox.class);
        if (!saved.ok()) {
            return Console.html(saved.failure().status(), detail(mailbox, null, saved.error()));
        }
        return Response.seeOther(URI.create("/ui/mailboxes/" + UrlPaths.segment(id) + "?saved="
                + (enabled ? "enabled" : "disabled"))).build();
    }

    private TemplateInstance form(MailboxForm form, boolean editing, FormProblems problems,
            MailboxFolders.FolderPicker picker) {
        return Templates.form(page(editing ? "Edit mailbox " + form.id : "New mailbox account"), form, editing,
                problems, console.credentials(form.credentialId), picker, picker.paths());
    }

    private TemplateInstance detail(Mailbox mailbox, String notice, String error) {
        PeerResult<List<Mailbox.Message>> messages = recent.of(mailbox);
        UpcomingEvents.Upcoming events = mailbox.calendar() == null ? null : upcoming.of(mailbox, Instant.now());
        return Templates.detail(page(mailbox.id()), mailbox, console.credential(mailbox.credentialId()), notice,
                error, messages.ok() ? messages.value() : List.of(), messages.error(), events);
    }

    private Mailbox mailbox(String id) {
        return peers.get(Peer.IMPORT, path(id), Mailbox.class).orThrow();
    }

    private static String path(String id) {
        return "/api/mailboxes/" + UrlPaths.segment(id);
    }

    private static String savedText(String saved) {
        return switch (saved == null ? "" : saved) {
            case "created" -> "Mailbox account created.";
            case "updated" -> "Changes saved.";
            case "enabled" -> "The account is enabled: it is imported by Import all and the schedule.";
            case "disabled" -> "The account is disabled: Import all and the schedule skip it.";
            default -> null;
        };
    }

    private Page page(String title) {
        return console.page(title, "mailboxes");
    }
}
