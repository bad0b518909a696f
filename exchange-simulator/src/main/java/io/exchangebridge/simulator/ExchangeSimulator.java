package io.exchangebridge.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.exchangebridge.simulator.admin.AdminApi;
import io.exchangebridge.simulator.directory.SimulatedDirectory;
import io.exchangebridge.simulator.directory.Tenant;
import io.exchangebridge.simulator.entra.Entra;
import io.exchangebridge.simulator.entra.EntraSettings;
import io.exchangebridge.simulator.entra.JwtTokenVerifier;
import io.exchangebridge.simulator.entra.ScriptedSignIn;
import io.exchangebridge.simulator.entra.SigningKey;
import io.exchangebridge.simulator.entra.TokenIssuer;
import io.exchangebridge.simulator.entra.TokenVerifier;
import io.exchangebridge.simulator.faults.EntraFaults;
import io.exchangebridge.simulator.graph.GraphMail;
import io.exchangebridge.simulator.graph.calendar.GraphCalendar;
import io.exchangebridge.simulator.graph.subscription.GraphSubscriptions;
import io.exchangebridge.simulator.http.Router;
import io.exchangebridge.simulator.http.SelfSignedCertificate;
import io.exchangebridge.simulator.limits.SendingLimits;
import io.exchangebridge.simulator.limits.SendingLimitsAdminHandler;
import io.exchangebridge.simulator.log.RequestLog;
import io.exchangebridge.simulator.smtp.DirectorySmtpAuthFlags;
import io.exchangebridge.simulator.smtp.ExchangeSmtpServer;
import io.exchangebridge.simulator.smtp.SmtpAdminHandler;
import io.exchangebridge.simulator.time.SimulatorClock;

/**
 * A local Entra ID, Microsoft Graph mail and Exchange Online SMTP. Start one per test class with
 * {@code ExchangeSimulator.builder().start()} (dynamic ports, well under a second), seed it through
 * {@link #tenant(String)}, point the code under test at {@link #authority(String)} and {@link #graphBaseUrl()}, close
 * it. The module README shows a complete example.
 */
public final class ExchangeSimulator implements AutoCloseable {

    private final SimulatorClock clock;
    private final SimulatedDirectory directory = new SimulatedDirectory();
    private final RequestLog requestLog = new RequestLog();
    private final EntraSettings entraSettings = new EntraSettings();
    private final Router router = new Router();
    private final SelfSignedCertificate certificate;
    private final SigningKey signingKey;
    private final TokenIssuer tokenIssuer;
    private final JwtTokenVerifier tokenVerifier;
    private final Entra entra;
    private final GraphMail graphMail;
    private final SendingLimits sendingLimits;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Map<String, Object> extraInfo = new ConcurrentHashMap<>();
    private HttpServer httpServer;
    private HttpsServer httpsServer;
    private ExchangeSmtpServer smtp;

    ExchangeSimulator(ExchangeSimulatorBuilder builder) {
        this.clock = new SimulatorClock(builder.clock);
        this.certificate = builder.keyStore != null
                ? SelfSignedCertificate.load(builder.keyStore, builder.keyStorePassword.toCharArray())
                : SelfSignedCertificate.generate(builder.hostnames);
        this.signingKey = SigningKey.generate();
        this.tokenIssuer = new TokenIssuer(signingKey, clock, entraSettings, this::httpsBaseUrl);
        this.tokenVerifier = new JwtTokenVerifier(signingKey, clock, directory);
        this.entra = new Entra(directory, clock, entraSettings, signingKey, tokenIssuer, requestLog);
        this.sendingLimits = new SendingLimits(directory, clock);
        this.graphMail = new GraphMail(directory, tokenVerifier, requestLog, clock, sendingLimits);
        builder.entra.accept(entraSettings);
    }

    public static ExchangeSimulatorBuilder builder() {
        return new ExchangeSimulatorBuilder();
    }

    ExchangeSimulator start(ExchangeSimulatorBuilder builder) {
        try {
            httpServer = HttpServer.create(new InetSocketAddress(builder.bindAddress, builder.httpPort), 0);
            httpsServer = HttpsServer.create(new InetSocketAddress(builder.bindAddress, builder.httpsPort), 0);
            httpsServer.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            for (HttpServer server : List.of(httpServer, httpsServer)) {
                server.createContext("/", router);
                server.setExecutor(executor);
            }

            // Entra ID: every path not mounted by another part starts with a tenant.
            router.fallback(entra.handler());

            // --- Graph mail (package graph): create it here, mount "/v1.0" and "/_sim/mail". ---
            mount("/v1.0", graphMail.graphHandler());
            mount("/_sim/mail", graphMail.adminHandler());
            // attachment upload sessions: Outlook's upload URLs live below /api/v2.0 (outlook.office.com)
            mount("/api/v2.0", graphMail.uploadHandler());
            mount("/_sim/limits", new SendingLimitsAdminHandler(sendingLimits));
            mount("/_sim/calendar", graphMail.calendar().adminHandler());
            mount("/_sim/subscriptions", graphMail.subscriptions().adminHandler());
            onClose(graphMail.subscriptions());

            // Exchange SMTP: smtp.office365.com:587 with STARTTLS on the simulator's certificate.
            smtp = new ExchangeSmtpServer(certificate.serverContext(), directory, tokenVerifier, requestLog,
                    builder.smtpSettings.withBindAddress(InetAddress.getByName(builder.bindAddress)).withClock(clock),
                    new DirectorySmtpAuthFlags(directory), sendingLimits).start();
            onClose(smtp::stop);
            router.mount("/_sim/smtp", new SmtpAdminHandler(smtp));
            addInfo("smtpHost", smtp.host());
            addInfo("smtpPort", smtp.port());

            // Admin API: "/_sim" itself; the parts' longer "/_sim/..." prefixes win over it.
            router.mount("/_sim", new AdminApi(directory, entra, entraSettings, clock, requestLog, this::info));

            httpServer.start();
            httpsServer.start();
            builder.seed.accept(directory);
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Cannot start the Exchange simulator", e);
        }
    }

    /** What {@code GET /_sim} answers: the URLs to point clients at and the tenants. */
    public Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("httpBaseUrl", httpBaseUrl());
        info.put("httpsBaseUrl", httpsBaseUrl());
        info.put("graphBaseUrl", graphBaseUrl());
        info.put("tenants", directory.tenants().stream()
                .map(t -> Map.of("id", t.id(), "domain", t.domain(), "authority", authority(t.domain()))).toList());
        info.putAll(extraInfo);
        return info;
    }

    /** Adds an entry to {@link #info()}, e.g. the SMTP part's host and port. */
    public void addInfo(String name, Object value) {
        extraInfo.put(name, value);
    }

    /** {@code http://localhost:port}, no trailing slash. */
    public String httpBaseUrl() {
        return "http://localhost:" + httpServer.getAddress().getPort();
    }

    /** {@code https://localhost:port}, no trailing slash; trust {@link #certificate()} to call it. */
    public String httpsBaseUrl() {
        return "https://localhost:" + httpsServer.getAddress().getPort();
    }

    public int httpPort() {
        return httpServer.getAddress().getPort();
    }

    public int httpsPort() {
        return httpsServer.getAddress().getPort();
    }

    /** Where the simulated smtp.office365.com listens (STARTTLS on this port, like 587). */
    public String smtpHost() {
        return smtp.host();
    }

    public int smtpPort() {
        return smtp.port();
    }

    /** The simulated Exchange SMTP: {@code smtp().outbox()} for what arrived, {@code smtp().faults()} to break it. */
    public ExchangeSmtpServer smtp() {
        return smtp;
    }

    /** The authority for MSAL and OIDC clients, e.g. {@code https://localhost:port/contoso.onmicrosoft.com/}. */
    public String authority(String tenant) {
        return httpsBaseUrl() + "/" + tenant + "/";
    }

    /** The authority over plain HTTP, for clients that cannot be given a trust store. */
    public String httpAuthority(String tenant) {
        return httpBaseUrl() + "/" + tenant + "/";
    }

    /** {@code /{tenant}/oauth2/v2.0/token} over HTTPS. */
    public String tokenEndpoint(String tenant) {
        return authority(tenant) + "oauth2/v2.0/token";
    }

    /** {@code /{tenant}/oauth2/v2.0/authorize} over HTTPS. */
    public String authorizeEndpoint(String tenant) {
        return authority(tenant) + "oauth2/v2.0/authorize";
    }

    /** {@code /{tenant}/oauth2/v2.0/logout} over HTTPS: the discovery document's {@code end_session_endpoint}. */
    public String logoutEndpoint(String tenant) {
        return authority(tenant) + "oauth2/v2.0/logout";
    }

    /**
     * {@code https://localhost:port/{tenant}/v2.0}: an OpenID Connect client's issuer base (quarkus-oidc's
     * {@code auth-server-url}); its discovery document is below it.
     */
    public String oidcAuthServerUrl(String tenant) {
        return authority(tenant) + "v2.0";
    }

    /** Graph's base, {@code https://localhost:port/v1.0}. */
    public String graphBaseUrl() {
        return httpsBaseUrl() + "/v1.0";
    }

    /**
     * Serves {@code handler} for every request whose path starts with {@code pathPrefix}, on both the HTTP and the
     * HTTPS server; the longest mounted prefix wins.
     */
    public ExchangeSimulator mount(String pathPrefix, HttpHandler handler) {
        router.mount(pathPrefix, handler);
        return this;
    }

    public SimulatedDirectory directory() {
        return directory;
    }

    /** Shortcut for {@code directory().tenant(domain)}: the tenant, created on first use. */
    public Tenant tenant(String domain) {
        return directory.tenant(domain);
    }

    public TokenVerifier tokenVerifier() {
        return tokenVerifier;
    }

    /**
     * Signs a user in at an authorize URL the code under test built (scripted form POST) and answers the redirect the
     * browser would follow: {@code redirect_uri?code=...&state=...}, or {@code ?error=...} when {@code consent} is
     * false or Entra refuses.
     */
    public URI signIn(String authorizeUrl, String login, String password, boolean consent) {
        return new ScriptedSignIn(clientSslContext()).signIn(authorizeUrl, login, password, consent);
    }

    /** Mints tokens directly (no HTTP), for tests of the Graph and SMTP parts. */
    public TokenIssuer tokens() {
        return tokenIssuer;
    }

    /**
     * Graph mail: mailboxes' folders and messages ({@code mail().mailbox(upn).add("inbox").mime(bytes)}), what was sent
     * through sendMail, fault switches ({@code mail().faults()}) and throttling ({@code mail().throttle()}).
     */
    public GraphMail mail() {
        return graphMail;
    }

    /**
     * Exchange Online's recipient limits, shared by SMTP and Graph: {@code recipientsPerDay(..)},
     * {@code recipientsPerMessage(..)}, {@code externalRecipientsPerDay(..)}, {@code recipientsSent(upn)},
     * {@code reset()}.
     */
    public SendingLimits sendingLimits() {
        return sendingLimits;
    }

    /**
     * Graph calendar: {@code calendar().mailbox(upn).create(null, json)} seeds or changes events as Outlook would;
     * meeting messages and sync-state expiry too. Faults and throttling are mail()'s: the same Graph API serves both.
     */
    public GraphCalendar calendar() {
        return graphMail.calendar();
    }

    /**
     * Graph subscriptions ({@code POST /v1.0/subscriptions}) and their change notifications: inspect what was sent
     * ({@code subscriptions().delivered()}), switch on duplicates and delays, send lifecycle events, expire one.
     */
    public GraphSubscriptions subscriptions() {
        return graphMail.subscriptions();
    }

    public RequestLog requestLog() {
        return requestLog;
    }

    /** The simulator's clock; {@code clock().advance(...)} moves expiries without waiting. */
    public SimulatorClock clock() {
        return clock;
    }

    /** Entra ID fault switches (expired/revoked refresh tokens, outages, Conditional Access...). */
    public EntraFaults entraFaults() {
        return entra.faults();
    }

    /** Token lifetimes and refresh-token rotation grace, changeable at run time. */
    public EntraSettings entraSettings() {
        return entraSettings;
    }

    /** The self-signed TLS certificate of HTTPS and SMTP STARTTLS. */
    public X509Certificate certificate() {
        return certificate.certificate();
    }

    /** The server-side TLS context (for the SMTP part's STARTTLS). */
    public SSLContext serverSslContext() {
        return certificate.serverContext();
    }

    /** A client TLS context trusting exactly the simulator's certificate. */
    public SSLContext clientSslContext() {
        return certificate.clientContext();
    }

    /** Writes a PKCS12 trust store with the simulator's certificate; its password is {@link #trustStorePassword()}. */
    public Path writeTrustStore(Path file) {
        try {
            return certificate.writeTrustStore(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String trustStorePassword() {
        return certificate.trustStorePassword();
    }

    /** Registers something to close with the simulator (the SMTP server, executors of mounted parts). */
    public void onClose(AutoCloseable closeable) {
        synchronized (closeables) {
            closeables.add(closeable);
        }
    }

    @Override
    public void close() {
        // The Graph and SMTP parts register what they started with onClose(..) in start(); closed newest first.
        synchronized (closeables) {
            for (AutoCloseable c : closeables.reversed()) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing the rest matters more than this failure
                }
            }
            closeables.clear();
        }
        if (httpServer != null) {
            httpServer.stop(0);
        }
        if (httpsServer != null) {
            httpsServer.stop(0);
        }
        executor.shutdownNow();
    }
}
