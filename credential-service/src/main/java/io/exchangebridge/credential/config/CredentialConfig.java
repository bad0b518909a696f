package io.exchangebridge.credential.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the credential-service, under the prefix {@code credential}. Each property can also be set as an
 * environment variable ({@code credential.public-url} → {@code CREDENTIAL_PUBLIC_URL}).
 */
@ConfigMapping(prefix = "credential")
public interface CredentialConfig {

    /**
     * The URL at which administrators' browsers reach this service. The OAuth redirect URI of delegated credentials
     * defaults to {@code {public-url}/OAuth2Callback}. When absent, the URL of the incoming request is used.
     */
    Optional<URI> publicUrl();

    /** A short name of this installation, shown in logs and pages. */
    @WithDefault("Exchange Bridge")
    String installationName();

    /**
     * Host names (optionally {@code host:port}) a credential's authority, authorization and token URLs may point at.
     * Anything else is refused with a 400, so that a credential cannot make this service call an arbitrary URL (SSRF).
     * Defaults to the Microsoft clouds.
     */
    @WithDefault("login.microsoftonline.com,login.microsoftonline.us,login.chinacloudapi.cn,"
            + "login.partner.microsoftonline.cn,login.microsoftonline.de")
    List<String> allowedAuthorityHosts();

    /** The authority host of credentials that name none: where {@code /{tenant}/oauth2/v2.0/...} is appended. */
    @WithDefault("https://login.microsoftonline.com")
    URI defaultAuthorityHost();

    /** A secret or certificate expiring within this many days is flagged {@code secretExpiresSoon}. */
    @WithDefault("30")
    int secretExpiryWarningDays();

    /** Encryption at rest of client secrets, private keys, refresh and access tokens. */
    Encryption encryption();

    /** Token hand-out and the calls to Entra ID's token endpoint. */
    Token token();

    /** The consent (authorization code) flow. */
    Consent consent();

    /** The background refresh that keeps delegated refresh tokens alive. */
    KeepAlive keepAlive();

    /** The optional webhook told of every status change. */
    Webhook webhook();

    /** The admin UI's read-only pages of the other services. */
    Ui ui();

    /** How administrators sign in to the console ({@code /ui}). */
    ConsoleSignIn console();

    /**
     * Token clients (users with role {@code token-client}) by user name: which credentials each may fetch tokens of. A
     * client that is not listed may fetch none.
     */
    Map<String, Client> clients();

    /** AES-256-GCM keys. */
    interface Encryption {

        /** Id of the key that encrypts new values. Values under other configured keys are re-encrypted at start. */
        String activeKey();

        /**
         * Keys by id (letters, digits, {@code -} and {@code _}): base64 of 32 random bytes, e.g. from
         * {@code openssl rand -base64 32}. Keep a retired key here until the service has started once with the new
         * active key: it re-encrypts every value at start, then the old key can go.
         */
        Map<String, String> keys();
    }

    /** Token hand-out. */
    interface Token {

        /** A cached access token is refreshed when it expires within this time; it is never handed out later. */
        @WithDefault("5M")
        Duration refreshSkew();

        /**
         * How long an instance serves a token from memory before looking at the database again (where another instance
         * may have refreshed it, or an administrator changed the credential).
         */
        @WithDefault("30S")
        Duration localCacheTtl();

        /** After a transient Entra failure, no new call is made for this long (unless Entra sent a Retry-After). */
        @WithDefault("30S")
        Duration transientRetryAfter();

        /** Connect timeout of calls to the token endpoint. */
        @WithDefault("5S")
        Duration connectTimeout();

        /** Whole-request timeout of calls to the token endpoint. */
        @WithDefault("15S")
        Duration requestTimeout();

        /** How long a request waits for another request (of any instance) that is refreshing the same credential. */
        @WithDefault("30S")
        Duration lockTimeout();

        /**
         * Name of a TLS configuration of the Quarkus TLS registry ({@code quarkus.tls.<name>.*}) whose trust store is
         * used for the token endpoint. Absent: the JVM's default trust store.
         */
        Optional<String> tlsConfigurationName();
    }

    /** The consent flow. */
    interface Consent {

        /** How long a consent link (its {@code state}) stays valid. */
        @WithDefault("10M")
        Duration stateTtl();
    }

    /** Background refresh of delegated credentials. */
    interface KeepAlive {

        /** Whether the job runs. */
        @WithDefault("true")
        boolean enabled();

        /** How often the job looks for credentials that are due. */
        @WithDefault("1h")
        String interval();

        /** Delay after start before the first run. */
        @WithDefault("5m")
        String initialDelay();

        /** A delegated credential whose refresh token was renewed longer ago than this is refreshed. */
        @WithDefault("24H")
        Duration maxAge();

        /** Up to this much earlier, at random per credential and run, so that refreshes spread out. */
        @WithDefault("2H")
        Duration jitter();
    }

    /** Webhook on status changes. */
    interface Webhook {

        /** Where status changes are POSTed as JSON. Absent: no webhook. */
        Optional<URI> url();

        /**
         * Key of the HMAC-SHA256 signature in {@code X-Exchange-Bridge-Signature: t=<epoch>,v1=<hex>} over
         * {@code <t>.<body>}. Absent: unsigned.
         */
        Optional<String> secret();

        /** Deliveries of one event before it is given up (and logged). */
        @WithDefault("8")
        int maxAttempts();

        /** Wait before the first retry; doubled for each further one. */
        @WithDefault("2S")
        Duration initialBackoff();

        /** How often due events are looked for. */
        @WithDefault("1s")
        String pollInterval();
    }

    /** The other services the admin UI shows pages of. */
    interface Ui {

        /** The import-service, whose mailboxes are listed under "Mailboxes". */
        PeerService importService();

        /** The smtp-service, whose sender routes are listed under "Sender routes". */
        PeerService smtpService();
    }

    /**
     * Console sign-in. Administrators sign in with OpenID Connect against the installation's Entra tenant (the
     * quarkus-oidc tenant {@code console}); HTTP Basic against the embedded users is the break-glass way in.
     */
    interface ConsoleSignIn {

        /**
         * Whether an HTTP Basic user (the embedded users) may use the console. Off by default (the prod profile): a
         * Basic identity on {@code /ui} gets a 403 page, while the REST API under {@code /api} keeps accepting Basic.
         * On in dev and test. Switch it on (with the tenant {@code console} off) when Entra ID cannot be reached.
         */
        @WithDefault("false")
        boolean basicSignIn();
    }

    /** Where another service's REST API is, and the user (role admin) to read it as. */
    interface PeerService {

        /** Base URL, e.g. {@code http://import-service:8082}. Absent: the page says how to enable it. */
        Optional<URI> url();

        /** HTTP Basic user of that service. */
        Optional<String> user();

        /** Its password; from a Kubernetes Secret in production. */
        Optional<String> password();

        /** Timeout of one request. */
        @WithDefault("5S")
        Duration timeout();
    }

    /** One token client. */
    interface Client {

        /**
         * Ids of the credentials this client may fetch tokens of. An entry ending in {@code *} matches every id with
         * that prefix; {@code *} alone matches all.
         */
        List<String> credentials();
    }
}
