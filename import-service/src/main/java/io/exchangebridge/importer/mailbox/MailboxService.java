package io.exchangebridge.importer.mailbox;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.foundation.audit.AuditTrail;
import io.exchangebridge.foundation.credential.CredentialClient;
import io.exchangebridge.foundation.credential.CredentialFailure;
import io.exchangebridge.importer.config.ImporterConfig;
import io.exchangebridge.importer.mail.MailFolders;
import io.exchangebridge.importer.scope.MailboxScope;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Mailbox accounts: validation, the credential check at the broker, persistence. Every change is written to the audit
 * log ({@code mailbox.create|update|delete}, target the account id) in the transaction of the change.
 */
@ApplicationScoped
public class MailboxService {

    /** The credential-service's name for Microsoft Graph tokens. */
    public static final String GRAPH = "graph";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern MAILBOX = Pattern
            .compile(
                    "[^\\s@/]+@[^\\s@/]+\\.[^\\s@/]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ImporterConfig config;
    private final CredentialClient tokens;
    private final AuditTrail audit;
    private final NotificationStatus notifications;

    public MailboxService(ImporterConfig config, CredentialClient tokens, AuditTrail audit,
            NotificationStatus notifications) {
        this.config = config;
        this.tokens = tokens;
        this.audit = audit;
        this.notifications = notifications;
    }

    /** True for what a mailbox account's {@code mailbox} may be: a user principal name or an object id. */
    public static boolean isMailbox(String mailbox) {
        return MAILBOX.matcher(mailbox).matches();
    }

    /** The accounts in {@code scope}, by id. */
    public List<MailboxView> list(MailboxScope scope) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<MailboxEntity> found = MailboxEntity.<MailboxEntity>listAll().stream().filter(e -> scope.covers(e.id))
                    .sorted((a, b) -> a.id.compareTo(b.id)).toList();
            Map<String, MailboxView.Notifications> status = notifications
                    .of(found.stream().map(MailboxAccount::of).toList());
            return found.stream().map(e -> MailboxView.of(e, null, status.get(e.id))).toList();
        });
    }

    /** One account; {@link MailboxFailure.NotFound} when there is none, or it is outside {@code scope}. */
    public MailboxView get(String id, MailboxScope scope) {
        if (!scope.covers(id)) {
            throw new MailboxFailure.NotFound(id);
        }
        return QuarkusTransaction.requiringNew().call(() -> view(find(id), null));
    }

    /** The account for an import run, if it exists. */
    public Optional<MailboxAccount> account(String id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> MailboxEntity.<MailboxEntity>findByIdOptional(id).map(MailboxAccount::of));
    }

    /** Ids of all enabled accounts. */
    public List<String> enabledIds() {
        return enabledIds(MailboxScope.ALL);
    }

    /** Ids of the enabled accounts in {@code scope}. */
    public List<String> enabledIds(MailboxScope scope) {
        return QuarkusTransaction.requiringNew().call(() -> MailboxEntity.<MailboxEntity>list("enabled", true)
                .stream().map(e -> e.id).filter(scope::covers).sorted().toList());
    }

    public void saveDeltaLink(String id, String deltaLink) {
        QuarkusTransaction.requiringNew()
                .run(() -> MailboxEntity.update("deltaLink = ?1 where id = ?2", deltaLink, id));
    }

    /**
     * Stores where the account's calendar sync stands after a completed round: the deltaLink (null: start over next
     * time) and the window it covers.
     */
    public void saveCalendarState(String id, String deltaLink, Instant windowStart, Instant windowEnd,
            Instant syncedAt) {
        QuarkusTransaction.requiringNew()
                .run(() -> MailboxEntity.update("calendarDeltaLink = ?1, calendarWindowStart = ?2, "
                        + "calendarWindowEnd = ?3, calendarSyncedAt = ?4 where id = ?5", deltaLink, windowStart,
                        windowEnd, syncedAt, id));
    }

    public MailboxView create(MailboxRequest request) {
        MailboxRequest r = validate(request, null);
        MailboxView.CredentialStatus credential = checkCredential(r.credentialId());
        return QuarkusTransaction.requiringNew().call(() -> {
            String id = r.id() != null ? r.id() : UUID.randomUUID().toString();
            if (MailboxEntity.findById(id) != null) {
                throw new MailboxFailure.AlreadyExists(id);
            }
            rejectSameFolder(r, id);
            MailboxEntity e = new MailboxEntity();
            e.id = id;
            e.createdAt = Instant.now();
            apply(e, r);
            e.persist();
            // A connection taken inside the transaction is enlisted in it: the entry commits with the account.
            audit.record("mailbox.create", id, describe(r), "OK");
            return view(e, credential);
        });
    }

    public MailboxView update(String id, MailboxRequest request) {
        if (request != null && request.id() != null && !request.id().equals(id)) {
            throw invalid("id", "Field 'id' must match the path or be left out.");
        }
        MailboxRequest r = validate(request, id);
        MailboxView.CredentialStatus credential = checkCredential(r.credentialId());
        return QuarkusTransaction.requiringNew().call(() -> {
            MailboxEntity e = find(id);
            rejectSameFolder(r, id);
            boolean sameSource = e.mailbox.equalsIgnoreCase(r.mailbox()) && e.folder.equalsIgnoreCase(r.folder());
            boolean sameCalendar = e.mailbox.equalsIgnoreCase(r.mailbox()) && e.calendarEnabled
                    && r.calendar() != null && Objects.equals(e.calendarName, r.calendar().name());
            apply(e, r);
            if (!sameSource) {
                e.deltaLink = null;
            }
            if (!sameCalendar) {
                // Another calendar (or none): its sync starts over; a changed window alone is noticed by the sync.
                e.calendarDeltaLink = null;
                e.calendarWindowStart = null;
                e.calendarWindowEnd = null;
                e.calendarSyncedAt = null;
            }
            audit.record("mailbox.update", id, describe(r), "OK");
            return view(e, credential);
        });
    }

    public void delete(String id) {
        QuarkusTransaction.requiringNew().run(() -> {
            MailboxEntity e = find(id);
            e.delete();
            audit.record("mailbox.delete", id, e.mailbox + ", folder " + e.folder, "OK");
        });
    }

    private MailboxView view(MailboxEntity e, MailboxView.CredentialStatus credential) {
        return MailboxView.of(e, credential, notifications.of(List.of(MailboxAccount.of(e))).get(e.id));
    }

    /** The audit detail of a saved account: what it imports, never the webhook secret. */
    private static String describe(MailboxRequest r) {
        return r.mailbox() + (r.importMail() ? ", folder " + r.folder() : ", no mail") + ", credential "
                + r.credentialId()
                + (r.calendar() == null ? "" : ", calendar " + CalendarSettings.describe(r.calendar()))
                + ", " + (r.enabled() ? "enabled" : "disabled");
    }

    private static MailboxEntity find(String id) {
        MailboxEntity e = MailboxEntity.findById(id);
        if (e == null) {
            throw new MailboxFailure.NotFound(id);
        }
        return e;
    }

    /** Two accounts importing the same folder would race; accounts that import no mail take no folder. */
    private static void rejectSameFolder(MailboxRequest r, String id) {
        if (r.importMail() && MailboxEntity.count(
                "importMail = true and lower(mailbox) = ?1 and lower(folder) = ?2 and id <> ?3",
                r.mailbox().toLowerCase(), r.folder().toLowerCase(), id) > 0) {
            throw new MailboxFailure.FolderTaken(r.mailbox(), r.folder());
        }
    }

    private void apply(MailboxEntity e, MailboxRequest r) {
        e.mailbox = r.mailbox();
        e.credentialId = r.credentialId();
        e.folder = r.folder();
        e.afterImport = r.afterImport();
        e.moveToFolder = r.moveToFolder();
        e.oversizeFolder = r.oversizeFolder();
        e.onlyUnread = r.onlyUnread();
        e.maxMessageBytes = r.maxMessageBytes();
        e.enabled = r.enabled();
        e.webhookUrl = r.webhookUrl();
        e.webhookSecret = r.webhookSecret();
        e.importMail = r.importMail();
        e.calendarEnabled = r.calendar() != null;
        e.calendarName = r.calendar() == null ? null : r.calendar().name();
        e.calendarDaysBack = r.calendar() == null ? null : r.calendar().daysBack();
        e.calendarDaysAhead = r.calendar() == null ? null : r.calendar().daysAhead();
        e.updatedAt = Instant.now();
    }

    /** Checks the fields and fills in defaults; {@link MailboxFailure.Invalid} naming the first wrong field. */
    private MailboxRequest validate(MailboxRequest r, String pathId) {
        if (r == null) {
            throw new MailboxFailure.Invalid(null, "A JSON body is required.");
        }
        String id = r.id() != null ? r.id() : pathId;
        if (id != null && !ID.matcher(id).matches()) {
            throw invalid("id",
                    "Field 'id' must be 1-64 letters, digits, '.', '-' or '_', starting with a letter or digit.");
        }
        if (blank(r.mailbox()) || !isMailbox(r.mailbox().trim())) {
            throw invalid("mailbox", "Field 'mailbox' must be a user principal name or an object id.");
        }
        if (blank(r.credentialId())) {
            throw invalid("credentialId", "Field 'credentialId' is required.");
        }
        String folder = blank(r.folder()) ? config.defaults().folder() : r.folder().trim();
        checkPath("folder", folder);
        AfterImport after = r.afterImport() == null ? AfterImport.MOVE : r.afterImport();
        String moveTo = null;
        if (after == AfterImport.MOVE) {
            moveTo = blank(r.moveToFolder()) ? config.defaults().moveToFolder() : r.moveToFolder().trim();
            checkPath("moveToFolder", moveTo);
            if (moveTo.equalsIgnoreCase(folder)) {
                throw invalid("moveToFolder", "Field 'moveToFolder' must differ from 'folder'.");
            }
        } else if (!blank(r.moveToFolder())) {
            throw invalid("moveToFolder", "Field 'moveToFolder' only applies to afterImport MOVE.");
        }
        String oversize = blank(r.oversizeFolder()) ? null : r.oversizeFolder().trim();
        if (oversize != null) {
            checkPath("oversizeFolder", oversize);
            if (oversize.equalsIgnoreCase(folder)) {
                throw invalid("oversizeFolder", "Field 'oversizeFolder' must differ from 'folder'.");
            }
        }
        long max = r.maxMessageBytes() == null ? config.defaults().maxMessageBytes() : r.maxMessageBytes();
        if (max <= 0) {
            throw invalid("maxMessageBytes", "Field 'maxMessageBytes' must be positive.");
        }
        String webhook = blank(r.webhookUrl()) ? null : r.webhookUrl().trim();
        if (webhook != null) {
            URI uri;
            try {
                uri = URI.create(webhook);
            } catch (IllegalArgumentException e) {
                throw invalid("webhookUrl", "Field 'webhookUrl' must be an absolute http(s) URL.");
            }
            if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw invalid("webhookUrl", "Field 'webhookUrl' must be an absolute http(s) URL.");
            }
            if (blank(r.webhookSecret()) || r.webhookSecret().length() < 16) {
                throw invalid("webhookSecret", "Field 'webhookSecret' is required with a webhookUrl (16+ characters).");
            }
        } else if (!blank(r.webhookSecret())) {
            throw invalid("webhookSecret", "Field 'webhookSecret' only applies with a webhookUrl.");
        }
        boolean importMail = r.importMail() == null || r.importMail();
        MailboxRequest.CalendarRequest calendar = CalendarSettings.validate(r.calendar(), config.calendar());
        if (!importMail && calendar == null) {
            throw invalid("calendar", "Field 'calendar' is required when 'importMail' is false: the account would "
                    + "import nothing.");
        }
        return new MailboxRequest(id, r.mailbox().trim(), r.credentialId().trim(), folder, after, moveTo, oversize,
                r.onlyUnread() != null && r.onlyUnread(), max, r.enabled() == null || r.enabled(), webhook,
                webhook == null ? null : r.webhookSecret(), importMail, calendar);
    }

    private static void checkPath(String field, String path) {
        if (path.length() > MailFolders.MAX_PATH || path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            throw invalid(field, "Field '" + field
                    + "' must be a well-known folder name or a path like 'Inbox/Support' (no empty segments).");
        }
    }

    /**
     * Asks the broker for a token: unknown credential → 400; not ready (consent, configuration) → saved, and the status
     * reported; broker unreachable → saved as UNCHECKED.
     */
    private MailboxView.CredentialStatus checkCredential(String credentialId) {
        try {
            tokens.token(credentialId, GRAPH);
            return new MailboxView.CredentialStatus("READY", null, null, null);
        } catch (CredentialFailure failure) {
            return switch (failure) {
                case CredentialFailure.UnknownCredential unknown -> throw invalid("credentialId",
                        "Field 'credentialId': the credential-service knows no credential '" + credentialId
                                + "'.");
                case CredentialFailure.AccessDenied denied ->
                    throw invalid("credentialId", "Field 'credentialId': " + denied.getMessage());
                case CredentialFailure.NotReady notReady -> new MailboxView.CredentialStatus(
                        notReady.status().orElse("NOT_READY"), notReady.code().orElse(null), notReady.getMessage(),
                        notReady.consentUrl().orElse(null));
                case CredentialFailure.Unavailable unavailable -> new MailboxView.CredentialStatus("UNCHECKED", null,
                        unavailable.getMessage(), null);
            };
        }
    }

    private static MailboxFailure.Invalid invalid(String field, String detail) {
        return new MailboxFailure.Invalid(field, detail);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
