package io.exchangebridge.importer.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the import-service, under the prefix {@code importer}. Each property can also be set as an
 * environment variable ({@code importer.installation-name} → {@code IMPORTER_INSTALLATION_NAME}).
 */
@ConfigMapping(prefix = "importer")
public interface ImporterConfig {

    /** A short name of this installation, shown in logs and pages. */
    @WithDefault("Exchange Bridge")
    String installationName();

    /** Microsoft Graph: where, how fast, how patient. */
    Graph graph();

    /** Import runs: parallelism, lease, optional in-process schedule. */
    Run run();

    /** Defaults of new mailbox accounts. */
    Defaults defaults();

    /** Purging of acknowledged messages. */
    Retention retention();

    /** Delivery of webhooks for newly imported messages. */
    Webhook webhook();

    /** Calendar sync of mailbox accounts that have {@code calendar} set. */
    Calendar calendar();

    /** Graph change notifications (subscriptions per account), instead of waiting for the next scheduled run. */
    Notifications notifications();

    /** The domain metrics on {@code /q/metrics} that the dashboards and alert rules of deploy/ use. */
    Metrics metrics();

    /**
     * Which mailbox accounts each reading principal may read, by principal name (HTTP Basic user, Entra client id, or
     * {@code system:serviceaccount:<namespace>:<name>}; quote names with colons or dots:
     * {@code importer.readers."system:serviceaccount:eb:crm".mailboxes=sales-*}). Admins are never limited.
     */
    Map<String, Reader> readers();

    /** What a principal without an {@link #readers()} entry may read: every mailbox account, or none. */
    @WithDefault("all")
    UnlistedReaders unlistedReaders();

    /** The mailbox accounts of one principal. */
    interface Reader {

        /** Account ids or globs ({@code *} any run of characters, {@code ?} one), comma separated. */
        List<String> mailboxes();
    }

    /** The scope of a principal that has no {@code importer.readers} entry. */
    enum UnlistedReaders {
        /** Every mailbox account (as before scoped readers existed); such principals are logged. */
        ALL,
        /** No mailbox account: every read answers as for a missing account, lists are empty. */
        NONE
    }

    interface Notifications {

        /**
         * This installation's public HTTPS base URL of import-service, which Graph POSTs to
         * ({@code {public-url}/graph/notifications} and {@code /graph/lifecycle}); absent: polling only.
         */
        Optional<URI> publicUrl();

        /** A subscription is renewed when it would expire within this. */
        @WithDefault("P2D")
        Duration renewBefore();

        /** Lifetime asked for at creation and renewal (Graph allows at most 10,070 minutes for mail and events). */
        @WithDefault("PT10000M")
        Duration lifetime();

        /** How often subscriptions are created, renewed and removed as the accounts need, or {@code off}. */
        @WithDefault("15m")
        String maintainEvery();

        /** Accept an {@code http} public URL (tests and local runs only: Graph requires https). */
        @WithDefault("false")
        boolean allowHttp();
    }

    interface Calendar {

        /** Days before today synced when the account names none. */
        @WithDefault("30")
        int daysBack();

        /** Days after today synced when the account names none. */
        @WithDefault("365")
        int daysAhead();

        /** Largest {@code daysBack + daysAhead} an account may ask for (Graph expands every occurrence in it). */
        @WithDefault("1825")
        int maxWindowDays();

        /** Events per calendarView/delta page ({@code Prefer: odata.maxpagesize}). */
        @WithDefault("100")
        int pageSize();
    }

    interface Webhook {

        /** How often due deliveries are looked for, or {@code off}. */
        @WithDefault("2s")
        String pollEvery();

        /** Attempts per message before the delivery is given up (and logged). */
        @WithDefault("12")
        int maxAttempts();

        /** Wait after the first failed attempt; doubled per attempt, with jitter. */
        @WithDefault("PT5S")
        Duration backoffBase();

        /** Longest wait between attempts. */
        @WithDefault("PT1H")
        Duration backoffMax();

        /** Connect and request timeout of one delivery. */
        @WithDefault("PT10S")
        Duration timeout();
    }

    interface Graph {

        /** Graph v1.0 base URL; {@code @odata.nextLink} is only followed on this URL's host. */
        @WithDefault("https://graph.microsoft.com/v1.0")
        URI baseUrl();

        /** Messages per list page ({@code $top}, at most 1000). */
        @WithDefault("100")
        int pageSize();

        /** Concurrent Graph requests per mailbox (Graph allows 4 per app and mailbox). */
        @WithDefault("4")
        int concurrencyPerMailbox();

        /** Retries of a request answered 429/503/504 or dropped, before the message or run fails. */
        @WithDefault("8")
        int maxRetries();

        /** Retries of a request a person waits for (listing folders) answered 429/503/504 or dropped. */
        @WithDefault("2")
        int interactiveMaxRetries();

        /** Longest Retry-After waited out for a person; a longer one is passed on as 503 with Retry-After. */
        @WithDefault("PT5S")
        Duration interactiveMaxWait();

        /** First backoff when Graph gives no Retry-After; doubled per attempt, with jitter. */
        @WithDefault("PT1S")
        Duration backoffBase();

        /** Longest backoff when Graph gives no Retry-After. */
        @WithDefault("PT60S")
        Duration backoffMax();

        /** Connect timeout towards Graph. */
        @WithDefault("PT10S")
        Duration connectTimeout();

        /** Timeout of one Graph request (a large $value download must fit in it). */
        @WithDefault("PT10M")
        Duration requestTimeout();
    }

    interface Run {

        /** Mailboxes imported at the same time (bounded pool). */
        @WithDefault("4")
        int parallelMailboxes();

        /** How long a mailbox lease lasts without renewal; a crashed holder's lease expires after this. */
        @WithDefault("PT5M")
        Duration leaseDuration();

        /**
         * Cron expression of the optional in-process schedule that imports all enabled mailboxes, or {@code off} (the
         * default: a Kubernetes CronJob calls {@code POST /api/imports}).
         */
        @WithDefault("off")
        String scheduleCron();

        /** How often idle workers look for queued jobs (the replica that enqueues wakes its own at once). */
        @WithDefault("PT1S")
        Duration pollEvery();

        /**
         * This replica's name in a job's {@code replica} (default: the {@code HOSTNAME} variable, the pod name in
         * Kubernetes, else the host name).
         */
        Optional<String> replicaName();

        /** Takes of one job (its holder stopped each time) after which it is FAILED rather than taken again. */
        @WithDefault("5")
        int maxAttempts();
    }

    interface Defaults {

        /** Folder imported when a mailbox account names none. */
        @WithDefault("inbox")
        String folder();

        /** Folder that MOVE moves imported messages to when the account names none (created if missing). */
        @WithDefault("Imported")
        String moveToFolder();

        /** Largest message imported when the account names no limit (35 MB). */
        @WithDefault("36700160")
        long maxMessageBytes();
    }

    interface Retention {

        /** Acknowledged messages are purged this long after their acknowledgement. */
        @WithDefault("P30D")
        Duration acknowledgedFor();

        /** How often the purge runs, or {@code off}. */
        @WithDefault("1h")
        String every();
    }

    interface Metrics {

        /**
         * How often {@code importer_mailbox_failures_consecutive} is recounted from the runs of the last seven days
         * (the same on every replica), or {@code off}.
         */
        @WithDefault("30s")
        String refreshEvery();
    }
}
