package io.exchangebridge.credential.ui;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.credential.CredentialFailure;
import io.exchangebridge.credential.ui.signin.ConsoleSignIn;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/** What every console page needs: the layout's {@link Page}, the signed-in person, the credentials to choose from. */
@RequestScoped
public class Console {

    /** A credential of this service in a select: its id and what it is for. */
    public record CredentialChoice(String id, String description, boolean delegated, String badge, String tone) {
    }

    private final CredentialConfig config;
    private final CsrfGuard csrf;
    private final SecurityIdentity identity;
    private final CredentialRows credentials;
    private final PeerClient peers;

    public Console(CredentialConfig config, CsrfGuard csrf, SecurityIdentity identity, CredentialRows credentials,
            PeerClient peers) {
        this.config = config;
        this.csrf = csrf;
        this.identity = identity;
        this.credentials = credentials;
        this.peers = peers;
    }

    /**
     * @param section
     *            the navigation entry: credentials, mailboxes, imports, routes, outbox or audit
     */
    public Page page(String title, String section) {
        return new Page(title, section, user(), config.installationName(), csrf.token(),
                ConsoleSignIn.withEntra(identity));
    }

    /** {@code page} as an HTML answer with {@code status}: a form shown again with its problems, an error page. */
    public static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build();
    }

    public String user() {
        return identity.getPrincipal().getName();
    }

    /** Refuses the post (403 page) unless its CSRF token is valid. */
    public void verify(String token) {
        csrf.verify(token);
    }

    /** This service's credentials, for the credential selects. */
    public List<CredentialChoice> credentials() {
        return credentials.all().stream().map(Console::choice).toList();
    }

    /**
     * The credentials for a select whose value is {@code current}: with an entry for it when this service has no such
     * credential (deleted since), so that a save does not silently change it.
     */
    public List<CredentialChoice> credentials(String current) {
        List<CredentialChoice> all = credentials();
        if (current == null || current.isBlank() || all.stream().anyMatch(c -> c.id().equals(current))) {
            return all;
        }
        List<CredentialChoice> more = new ArrayList<>(all);
        more.add(new CredentialChoice(current, "not a credential of this service", false, "Unknown", "error"));
        return more;
    }

    /** The credential {@code id} of this service, or null when there is none: one row read, not all of them. */
    public CredentialChoice credential(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return choice(credentials.one(id));
        } catch (CredentialFailure.NotFound e) {
            return null;
        }
    }

    private static CredentialChoice choice(CredentialRow r) {
        return new CredentialChoice(r.view().id(), r.view().description(), r.delegated(), r.status().badge(),
                r.status().tone());
    }

    /**
     * Whether the console is connected to {@code peer}, with its address, for the tag; with the error of the page's
     * call to it, unless that is only that it is not connected (which the tag explains itself).
     */
    public PeerStatus status(Peer peer, PeerResult<?> answer) {
        String error = answer.failure() instanceof PeerFailure.NotConfigured ? null : answer.error();
        return new PeerStatus(peer.serviceName(), peers.configured(peer), peer.prefix(), peers.url(peer), error,
                peer.env(), peer.port());
    }

    /**
     * What the {@code peerStatus} tag shows.
     *
     * @param configured
     *            whether the service's URL is set
     * @param prefix
     *            the configuration prefix that connects it
     */
    public record PeerStatus(String name, boolean configured, String prefix, String url, String error, String env,
            int port) {
    }
}
