package io.exchangebridge.smtp.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the smtp-service, under the prefix {@code relay}. Each property can also be set as an environment
 * variable ({@code relay.installation-name} → {@code RELAY_INSTALLATION_NAME}).
 */
@ConfigMapping(prefix = "relay")
public interface RelayConfig {

    /** A short name of this installation, shown in logs and pages. */
    @WithDefault("Exchange Bridge")
    String installationName();

    /** Domain of the Message-IDs generated for messages that arrive without one. */
    @WithDefault("exchange-bridge.local")
    String messageIdDomain();

    /** Largest message accepted, in bytes, after encoding (Exchange Online accepts up to 35 MB by default). */
    @WithDefault("26214400")
    int maxMessageSize();

    /**
     * How long a sender's route (or the absence of one) is kept in memory. This replica's own route changes take effect
     * at once; another replica's within this time. {@code PT0S} reads every route from the database.
     */
    @WithDefault("PT2S")
    Duration routeCacheTtl();

    /** Upstream SMTP delivery (Exchange Online). */
    Smtp smtp();

    /** The durable outbox and its workers. */
    Outbox outbox();

    /** Pacing per mailbox, shared by every replica through the database. */
    Pacing pacing();

    /** The SMTP listener for legacy clients. */
    Listener listener();

    /** Delivery through Microsoft Graph (routes with transport GRAPH). */
    Graph graph();

    /** The status webhook of each API user (issue 20): delivery, retries, encryption of the secrets. */
    StatusWebhook statusWebhook();

    /** How long finished messages keep their body and their row (issue 20). */
    Retention retention();

    /** Status webhook settings. */
    interface StatusWebhook {

        /** How often due deliveries are looked for (an event also wakes the dispatcher of its replica at once). */
        @WithDefault("PT1S")
        Duration pollInterval();

        /** Connect and read timeout of one delivery. */
        @WithDefault("PT10S")
        Duration timeout();

        /** Deliveries tried at most this often, then given up (kept until retention removes them). */
        @WithDefault("10")
        int maxAttempts();

        /** First retry delay, doubled per attempt up to {@link #backoffMax()}, half of it random (jitter). */
        @WithDefault("PT10S")
        Duration backoffBase();

        /** Longest retry delay. */
        @WithDefault("PT1H")
        Duration backoffMax();

        /** AES-256-GCM keys of the stored webhook secrets. */
        Encryption encryption();

        /** Keys by id (base64 of 32 random bytes), and the one new secrets are encrypted under. */
        interface Encryption {

            /** The key id new secrets are encrypted under; unset: no webhook can be set. */
            Optional<String> activeKey();

            /** {@code relay.status-webhook.encryption.keys.<id>}; old ids stay to read secrets stored under them. */
            Map<String, String> keys();
        }
    }

    /** Retention of finished (SENT, FAILED, CANCELLED) messages and of status webhook deliveries. */
    interface Retention {

        /** Run the purge at all. */
        @WithDefault("true")
        boolean enabled();

        /** How often a replica runs the purge (only one replica at a time purges). */
        @WithDefault("PT10M")
        Duration interval();

        /** A finished message's body (its MIME) is emptied this long after it finished. */
        @WithDefault("P7D")
        Duration body();

        /** A finished message's row is deleted this long after it finished (at least {@link #body()}). */
        @WithDefault("P90D")
        Duration message();

        /** Status webhook deliveries (delivered or given up) are deleted this long after their event. */
        @WithDefault("P7D")
        Duration webhookDeliveries();

        /** Rows purged per statement, so that one purge never holds many locks or a long transaction. */
        @WithDefault("1000")
        int batchSize();
    }

    /** The domain metrics on {@code /q/metrics} that the dashboards and alert rules of deploy/ use. */
    Metrics metrics();

    /** Metrics settings. */
    interface Metrics {

        /**
         * How often the outbox gauges ({@code relay_outbox_messages}, {@code relay_outbox_oldest_age_seconds}) are
         * recounted from the database: every replica counts, so a short interval costs queries on a big backlog.
         */
        @WithDefault("PT15S")
        Duration refreshInterval();
    }

    /** Microsoft Graph settings. */
    interface Graph {

        /** Graph base URL, up to and including the version. */
        @WithDefault("https://graph.microsoft.com/v1.0")
        URI url();

        /** PKCS12 trust store for Graph's certificate; unset: the JDK's default trust. */
        Optional<Path> trustStore();

        /** Password of {@link #trustStore()}. */
        Optional<String> trustStorePassword();

        /** Connect and read timeout of Graph requests. */
        @WithDefault("PT60S")
        Duration timeout();

        /**
         * When an SMTP route meets {@code 535 5.7.139} (SMTP AUTH disabled), deliver that message through Graph with
         * the same credential and mailbox instead of failing it.
         */
        @WithDefault("false")
        boolean fallbackOnSmtpAuthDisabled();

        /** Messages too large for sendMail: sent as a draft with attachments and upload sessions. */
        Large large();
    }

    /** Graph's large-message path (draft, attachments, upload sessions, send). */
    interface Large {

        /** The largest sendMail request (the base64 MIME); larger messages go as drafts. Graph's limit is 4 MB. */
        @WithDefault("4194304")
        int sendMailMaxBytes();

        /** Graph's limit per message (150 MB); a larger message fails at once, with an explanation. */
        @WithDefault("157286400")
        long maxMessageBytes();

        /** Bytes per upload-session chunk: a multiple of 320 KiB (327680) of at most 4 MiB. */
        @WithDefault("3276800")
        int chunkSize();

        /**
         * How often one chunk is tried again (resumed from the server's nextExpectedRanges) before the attempt fails.
         */
        @WithDefault("3")
        int chunkRetries();
    }

    /** SMTP listener settings. */
    interface Listener {

        /** Whether the listener runs. */
        @WithDefault("true")
        boolean enabled();

        /** Port of the listener; 0 picks a free one. */
        @WithDefault("2525")
        int port();

        /** Address the listener binds to. */
        @WithDefault("0.0.0.0")
        String bindAddress();

        /** Name in the greeting and EHLO reply. */
        @WithDefault("exchange-bridge-relay")
        String hostName();

        /** PKCS12 key store with the STARTTLS certificate; unset: a self-signed one is generated at start. */
        Optional<Path> keyStore();

        /** Password of {@link #keyStore()} and its key. */
        Optional<String> keyStorePassword();

        /** Client networks (CIDR, e.g. {@code 10.1.0.0/16}) that may send after STARTTLS without AUTH. */
        Optional<List<String>> trustedNetworks();

        /** Concurrent client connections at most. */
        @WithDefault("100")
        int maxConnections();

        /** Recipients per message at most. */
        @WithDefault("500")
        int maxRecipients();

        /**
         * Relay users, by name: {@code relay.listener.users.<name>.password-hash} and
         * {@code relay.listener.users.<name>.allowed-senders}.
         */
        Map<String, RelayUser> users();
    }

    /**
     * What each REST user ({@code sender} role) may send as, by HTTP user name:
     * {@code relay.api-senders.<user>.allowed-senders}. A user without an entry may send as nobody.
     */
    Map<String, ApiSender> apiSenders();

    /** A REST user's sender addresses or domains. */
    interface ApiSender {

        /** Sender addresses ({@code app@contoso.com}) or whole domains ({@code contoso.com}) it may send from. */
        List<String> allowedSenders();
    }

    /** A client that authenticates at the listener with AUTH PLAIN or LOGIN. */
    interface RelayUser {

        /** HEX(SHA-512("name:Quarkus:password")), the same digest as the HTTP users'. */
        String passwordHash();

        /** Sender addresses ({@code app@contoso.com}) or whole domains ({@code contoso.com}) it may send from. */
        List<String> allowedSenders();
    }

    /** Upstream SMTP delivery settings. */
    interface Smtp {

        /** Exchange Online SMTP host. */
        @WithDefault("smtp.office365.com")
        String host();

        /** Exchange Online SMTP port (submission with STARTTLS, which is required). */
        @WithDefault("587")
        int port();

        /** PKCS12 trust store for the upstream certificate; unset: the JDK's default trust. */
        Optional<Path> trustStore();

        /** Password of {@link #trustStore()}. */
        Optional<String> trustStorePassword();

        /** Connect, read and write timeout of upstream connections. */
        @WithDefault("PT30S")
        Duration timeout();

        /**
         * How long an authenticated connection is reused; kept well below the access token's lifetime (about an hour),
         * so one AUTH serves many messages and never outlives its token.
         */
        @WithDefault("PT5M")
        Duration keepAlive();

        /** A pooled connection is not reused when the token it authenticated with expires sooner than this. */
        @WithDefault("PT1M")
        Duration tokenMargin();

        /** Idle authenticated connections kept per route. */
        @WithDefault("2")
        int maxIdlePerRoute();

        /**
         * An idle pooled connection is closed (with QUIT) after this, before Exchange Online times it out itself (after
         * about 5 minutes, with {@code 421 4.4.1 Connection timed out}); keep it below that.
         */
        @WithDefault("PT2M")
        Duration poolIdleTimeout();

        /**
         * How often idle pooled connections are checked, without a round trip, for a close by Exchange (its idle
         * timeout, a restart): such a connection is closed at once instead of waiting in CLOSE-WAIT until its next use.
         */
        @WithDefault("PT1S")
        Duration poolCheckInterval();
    }

    /** Outbox settings. */
    interface Outbox {

        /** Worker threads of this replica that claim and deliver messages; 0 turns delivery off here. */
        @WithDefault("2")
        int workers();

        /** How often an idle worker looks for due messages. */
        @WithDefault("PT1S")
        Duration pollInterval();

        /** Messages a worker claims at a time. */
        @WithDefault("10")
        int batchSize();

        /** How long a claim holds; a message still SENDING afterwards (a crashed replica) is claimed again. */
        @WithDefault("PT5M")
        Duration claimTimeout();

        /** First retry delay after a temporary failure; doubled per attempt, with jitter. */
        @WithDefault("PT30S")
        Duration initialBackoff();

        /** Longest retry delay. */
        @WithDefault("PT15M")
        Duration maxBackoff();

        /** Age after which a message that still fails temporarily is given up (FAILED). */
        @WithDefault("PT24H")
        Duration maxAge();
    }

    /** Exchange Online's recipient limits, counted across replicas in the database. */
    RecipientLimits recipientLimits();

    /** Recipient limits settings. */
    interface RecipientLimits {

        /** Counting and holding back on (false: only Exchange's own refusals defer). */
        @WithDefault("true")
        boolean enabled();

        /** Recipients per route mailbox in any sliding 24 hours (Exchange Online: 10,000). */
        @WithDefault("10000")
        int perMailboxPerDay();

        /**
         * External recipients of all route mailboxes together in any sliding 24 hours (Exchange Online's tenant
         * external recipient rate limit, TERRL: 500 x licenses^0.7 + 9,500; 10,000 for a single license).
         */
        @WithDefault("10000")
        int externalPerDay();

        /**
         * Domains whose recipients are internal (the tenant's accepted domains); unset: each route mailbox's domain.
         */
        Optional<List<String>> internalDomains();

        /** How long a message Exchange refused with a quota code waits when its count does not say when it fits. */
        @WithDefault("PT1H")
        Duration quotaRetryAfter();
    }

    /** Pacing settings. */
    interface Pacing {

        /** Messages per minute per mailbox at most (Exchange Online's limit is 30); 0 turns pacing off. */
        @WithDefault("30")
        int messagesPerMinute();
    }
}
