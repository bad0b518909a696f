package io.exchangebridge.credential.ui;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.type.TypeReference;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.config.CredentialConfig.PeerService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Read-only pages of the other services' configuration, through their REST APIs: the import-service's mailboxes and the
 * smtp-service's sender routes. Changes are made there; these pages show what uses which credential.
 */
@Path("/ui")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class ServicePages {

    /** A mailbox of the import-service, as far as this page shows it. */
    public record Mailbox(String id, String mailbox, String credentialId, String folder, String afterImport,
            boolean enabled) {
    }

    /** A sender route of the smtp-service. */
    public record Route(String sender, String mailbox, String credentialId, String transport) {
    }

    /**
     * @param configured
     *            whether the service's URL is set
     * @param prefix
     *            the configuration prefix that enables the page
     */
    public record Peer(String name, boolean configured, String prefix, String url, String error) {
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance mailboxes(Page page, Peer peer, List<Mailbox> mailboxes);

        static native TemplateInstance routes(Page page, Peer peer, List<Route> routes);
    }

    private final PeerClient client;
    private final CredentialConfig config;
    private final CsrfGuard csrf;
    private final SecurityIdentity identity;

    public ServicePages(PeerClient client, CredentialConfig config, CsrfGuard csrf, SecurityIdentity identity) {
        this.client = client;
        this.config = config;
        this.csrf = csrf;
        this.identity = identity;
    }

    @GET
    @Path("/mailboxes")
    public TemplateInstance mailboxes() {
        PeerService service = config.ui().importService();
        PeerClient.Listing<Mailbox> listing = service.url().isPresent()
                ? client.list(service, "/api/mailboxes", new TypeReference<List<Mailbox>>() {
                }, "import-service")
                : new PeerClient.Listing<>(List.of(), null);
        return Templates.mailboxes(page("Mailboxes", "mailboxes"),
                peer("import-service", "credential.ui.import-service", service, listing.error()), listing.items());
    }

    @GET
    @Path("/routes")
    public TemplateInstance routes() {
        PeerService service = config.ui().smtpService();
        PeerClient.Listing<Route> listing = service.url().isPresent()
                ? client.list(service, "/api/routes", new TypeReference<List<Route>>() {
                }, "smtp-service")
                : new PeerClient.Listing<>(List.of(), null);
        return Templates.routes(page("Sender routes", "routes"),
                peer("smtp-service", "credential.ui.smtp-service", service, listing.error()), listing.items());
    }

    private static Peer peer(String name, String prefix, PeerService service, String error) {
        return new Peer(name, service.url().isPresent(), prefix, service.url().map(Object::toString).orElse(null),
                error);
    }

    private Page page(String title, String section) {
        return new Page(title, section, identity.getPrincipal().getName(), config.installationName(), csrf.token());
    }
}
