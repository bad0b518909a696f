package io.exchangebridge.credential.ui;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.credential.CredentialEntity;
import io.exchangebridge.credential.credential.CredentialService;
import io.exchangebridge.credential.credential.CredentialStatus;
import io.exchangebridge.credential.credential.CredentialView;
import io.exchangebridge.credential.ui.CredentialRow.When;
import io.quarkus.panache.common.Sort;

/** Builds the UI's rows: status summary, signed-in account and when the next call to Entra ID is due. */
@ApplicationScoped
public class CredentialRows {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    /** The list's compact form; the year and the zone are in the cell's tooltip. */
    static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final CredentialService credentials;
    private final CredentialConfig config;

    public CredentialRows(CredentialService credentials, CredentialConfig config) {
        this.credentials = credentials;
        this.config = config;
    }

    @Transactional
    public List<CredentialRow> all() {
        Map<String, Instant> expiries = tokenExpiries(null);
        return CredentialEntity.<CredentialEntity>listAll(Sort.by("id")).stream()
                .map(e -> row(e, expiries.get(e.id))).toList();
    }

    /** One credential's row; 404 problem when it does not exist. */
    @Transactional
    public CredentialRow one(String id) {
        CredentialEntity e = CredentialEntity.findById(id);
        if (e == null) {
            throw CredentialService.notFound(id);
        }
        return row(e, tokenExpiries(id).get(id));
    }

    private CredentialRow row(CredentialEntity e, Instant tokenExpiry) {
        Instant now = Instant.now();
        CredentialView v = credentials.view(e);
        String grant = e.delegated() ? "Delegated (user sign-in)" : "Application (client credentials)";
        String account = e.delegated() ? (e.consentUpn == null ? "not signed in" : e.consentUpn) : "— (app only)";
        return new CredentialRow(v, StatusSummary.of(v, config.secretExpiryWarningDays(), now), grant, account,
                e.lastRefreshAt == null ? When.of("never") : when("", e.lastRefreshAt), nextRefresh(e, tokenExpiry));
    }

    /** When this service will next call Entra ID for the credential, as far as it is known. */
    private When nextRefresh(CredentialEntity e, Instant tokenExpiry) {
        CredentialStatus status = CredentialStatus.valueOf(e.status);
        if (status == CredentialStatus.TRANSIENT_ERROR) {
            return e.nextAttemptAt == null ? When.of("on the next request") : when("retry ", e.nextAttemptAt);
        }
        if (status != CredentialStatus.ACTIVE) {
            return When.of("after you act");
        }
        Instant next = tokenExpiry == null ? null : tokenExpiry.minus(config.token().refreshSkew());
        if (e.delegated() && e.refreshTokenAt != null && config.keepAlive().enabled()) {
            Instant keepAlive = e.refreshTokenAt.plus(config.keepAlive().maxAge());
            next = next == null || keepAlive.isBefore(next) ? keepAlive : next;
        }
        return next == null ? When.of("on the next request") : when("", next);
    }

    private static When when(String prefix, Instant at) {
        return new When(prefix + SHORT.format(at), prefix + TIME.format(at));
    }

    /** The earliest expiry of the stored access tokens per credential (all, or one). */
    private static Map<String, Instant> tokenExpiries(String id) {
        @SuppressWarnings("unchecked")
        var query = CredentialEntity.getEntityManager().createNativeQuery(
                "SELECT credential_id, min(expires_at) FROM access_token"
                        + (id == null ? "" : " WHERE credential_id = ?1") + " GROUP BY credential_id");
        if (id != null) {
            query.setParameter(1, id);
        }
        List<Object[]> rows = query.getResultList();
        Map<String, Instant> result = new HashMap<>();
        for (Object[] r : rows) {
            Object t = r[1];
            result.put((String) r[0], switch (t) {
                case Timestamp ts -> ts.toInstant();
                case OffsetDateTime o -> o.toInstant();
                default -> (Instant) t;
            });
        }
        return result;
    }
}
