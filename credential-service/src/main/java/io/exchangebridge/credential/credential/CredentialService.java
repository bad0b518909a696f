package io.exchangebridge.credential.credential;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.credential.audit.AuditLog;
import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.crypto.SecretCipher;
import io.exchangebridge.foundation.http.UrlPaths;
import io.quarkus.panache.common.Sort;

/** Registers, changes and removes credentials. Secrets are encrypted before they reach an entity. */
@ApplicationScoped
public class CredentialService {

    public static final String CLIENT_SECRET = "client-secret";
    public static final String PRIVATE_KEY = "private-key";
    public static final String REFRESH_TOKEN = "refresh-token";

    /** The primary key constraint of table credential (V2__credentials.sql: {@code id TEXT PRIMARY KEY}). */
    static final String PRIMARY_KEY = "credential_pkey";

    private static final TypeReference<Map<String, List<String>>> SCOPES = new TypeReference<>() {
    };

    private final CredentialValidator validator;
    private final SecretCipher cipher;
    private final CredentialConfig config;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final Event<CredentialChanged> changed;

    public CredentialService(CredentialValidator validator, SecretCipher cipher, CredentialConfig config,
            ObjectMapper json, AuditLog audit, Event<CredentialChanged> changed) {
        this.validator = validator;
        this.cipher = cipher;
        this.config = config;
        this.json = json;
        this.audit = audit;
        this.changed = changed;
    }

    @Transactional
    public CredentialView create(CredentialRequest r, String actor) {
        FieldErrors errors = new FieldErrors();
        validator.checkId(r.id(), errors);
        CredentialRequest resolved = validator.check(r, false, false, errors);
        errors.throwIfAny();
        if (CredentialEntity.findById(r.id()) != null) {
            throw new CredentialFailure.AlreadyExists(r.id());
        }
        Instant now = Instant.now();
        CredentialEntity e = new CredentialEntity();
        e.id = r.id();
        e.createdAt = now;
        apply(e, resolved, now);
        e.persist();
        try {
            CredentialEntity.getEntityManager().flush();
        } catch (PersistenceException ex) {
            if (UniqueViolation.of(ex, PRIMARY_KEY)) {
                throw new CredentialFailure.AlreadyExists(r.id()); // a concurrent POST with the same id won the race
            }
            throw ex; // not a conflict: the foundation's mapper answers 500, or 503 when the database is down
        }
        audit.record(actor, "credential.create", e.id, null, "OK");
        return view(e);
    }

    @Transactional
    public CredentialView update(String id, CredentialRequest r, String actor) {
        if (r.id() != null && !r.id().equals(id)) {
            throw CredentialValidator.invalid("id", "must match the id in the path");
        }
        CredentialEntity e = CredentialEntity.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (e == null) {
            throw notFound(id);
        }
        String method = r.clientAuthentication() == null ? "secret" : r.clientAuthentication();
        boolean sameMethod = method.equals(e.authMethod);
        CredentialRequest resolved = validator.validate(r, sameMethod && e.clientSecretEnc != null,
                sameMethod && e.privateKeyEnc != null);
        String oldIdentity = identity(e);
        apply(e, resolved, Instant.now());
        if (e.delegated() && e.refreshTokenEnc != null && !identity(e).equals(oldIdentity)) {
            // Another app or tenant: the user's grant does not carry over.
            e.refreshTokenEnc = null;
            e.refreshTokenAt = null;
            e.consentUpn = null;
            e.consentedAt = null;
        }
        return reset(e, actor, "credential.update");
    }

    /**
     * Replace secret: a new client secret (and its expiry) for a credential that authenticates with one; everything
     * else is kept, also a user's consent. Cached tokens are dropped and the status is evaluated afresh.
     */
    @Transactional
    public CredentialView replaceSecret(String id, SecretRequest r, String actor) {
        CredentialEntity e = CredentialEntity.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (e == null) {
            throw notFound(id);
        }
        FieldErrors errors = new FieldErrors();
        if (!"secret".equals(e.authMethod)) {
            errors.add("clientSecret", "cannot be replaced: this credential authenticates with "
                    + ("certificate".equals(e.authMethod) ? "a certificate" : "workload identity")
                    + " (edit it to switch to a client secret)");
        } else if (r.clientSecret() == null || r.clientSecret().isBlank()) {
            errors.add("clientSecret", "is required: the new secret's Value from Certificates & secrets");
        }
        AuthenticationMaterial.checkSecretLength(r.clientSecret(), errors);
        if (r.secretExpiresAt() != null && r.secretExpiresAt().isBefore(Instant.now())) {
            errors.add("secretExpiresAt", "is in the past: a new secret expires in the future (or leave it empty)");
        }
        errors.throwIfAny();
        e.clientSecretEnc = cipher.encrypt(r.clientSecret(), e.context(CLIENT_SECRET));
        e.secretExpiresAt = r.secretExpiresAt();
        e.updatedAt = Instant.now();
        return reset(e, actor, "credential.secret-replace");
    }

    /** After a change by an administrator: status evaluated afresh, cached tokens dropped, audited, caches told. */
    private CredentialView reset(CredentialEntity e, String actor, String action) {
        initialStatus(e, Instant.now());
        CredentialEntity.getEntityManager().createNativeQuery("DELETE FROM access_token WHERE credential_id = ?1")
                .setParameter(1, e.id).executeUpdate();
        audit.record(actor, action, e.id, null, "OK");
        changed.fire(new CredentialChanged(e.id));
        return view(e);
    }

    @Transactional
    public void delete(String id, String actor) {
        if (CredentialEntity.deleteById(id)) {
            audit.record(actor, "credential.delete", id, null, "OK");
            changed.fire(new CredentialChanged(id));
        } else {
            throw notFound(id);
        }
    }

    @Transactional
    public CredentialView get(String id) {
        CredentialEntity e = CredentialEntity.findById(id);
        if (e == null) {
            throw notFound(id);
        }
        return view(e);
    }

    @Transactional
    public List<CredentialView> list() {
        return CredentialEntity.<CredentialEntity>listAll(Sort.by("id")).stream().map(this::view).toList();
    }

    public static CredentialFailure.NotFound notFound(String id) {
        return new CredentialFailure.NotFound(id);
    }

    private void apply(CredentialEntity e, CredentialRequest r, Instant now) {
        e.description = r.description();
        e.grantType = r.grantType();
        e.tenantId = r.tenantId();
        e.clientId = r.clientId();
        e.authorityHost = r.authorityHost();
        String authority = authority(r.authorityHost()) + "/" + r.tenantId() + "/oauth2/v2.0/";
        e.tokenUrl = r.tokenUrl() != null ? r.tokenUrl() : authority + "token";
        e.authorizationUrl = r.authorizationUrl() != null
                ? r.authorizationUrl()
                : (e.delegated() ? authority + "authorize" : null);
        String method = r.clientAuthentication() == null ? "secret" : r.clientAuthentication();
        if (!method.equals(e.authMethod)) {
            e.clientSecretEnc = null;
            e.privateKeyEnc = null;
        }
        e.authMethod = method;
        e.certificatePem = "certificate".equals(method) ? r.certificatePem() : null;
        e.federatedTokenFile = "federated".equals(method) ? r.federatedTokenFile() : null;
        if ("secret".equals(method) && r.clientSecret() != null && !r.clientSecret().isBlank()) {
            e.clientSecretEnc = cipher.encrypt(r.clientSecret(), e.context(CLIENT_SECRET));
        }
        if ("certificate".equals(method) && r.privateKeyPem() != null && !r.privateKeyPem().isBlank()) {
            e.privateKeyEnc = cipher.encrypt(r.privateKeyPem(), e.context(PRIVATE_KEY));
        }
        try {
            e.scopes = json.writeValueAsString(new TreeMap<>(r.scopes()));
        } catch (JsonProcessingException ex) {
            throw CredentialValidator.invalid("scopes", "cannot be stored");
        }
        e.redirectUri = r.redirectUri();
        e.secretExpiresAt = r.secretExpiresAt();
        e.updatedAt = now;
        if (e.status == null) {
            initialStatus(e, now);
        }
    }

    /** ACTIVE unless a user still has to consent. Clears any backoff: the administrator changed something. */
    private static void initialStatus(CredentialEntity e, Instant now) {
        e.nextAttemptAt = null;
        if (e.delegated() && e.refreshTokenEnc == null) {
            e.status(CredentialStatus.CONSENT_REQUIRED, null,
                    "A user must sign in once and consent: open the consent link.", now);
        } else {
            e.status(CredentialStatus.ACTIVE, null, "Ready to hand out tokens.", now);
        }
    }

    private static String identity(CredentialEntity e) {
        return e.grantType + "|" + e.tenantId + "|" + e.clientId + "|" + e.tokenUrl;
    }

    private String authority(String host) {
        return UrlPaths.withoutTrailingSlash(host != null ? host : config.defaultAuthorityHost().toString());
    }

    public Map<String, List<String>> scopes(CredentialEntity e) {
        try {
            return json.readValue(e.scopes, SCOPES);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Stored scopes of a credential are not JSON", null);
        }
    }

    public CredentialView view(CredentialEntity e) {
        boolean soon = e.secretExpiresAt != null
                && e.secretExpiresAt.isBefore(Instant.now().plus(Duration.ofDays(config.secretExpiryWarningDays())));
        CredentialView.Consent consent = e.delegated()
                ? new CredentialView.Consent(e.consentUpn, e.consentedAt, "/api/credentials/" + e.id + "/consent")
                : null;
        Map<String, List<String>> scopes = scopes(e);
        return new CredentialView(e.id, e.description, e.grantType, e.tenantId, e.clientId, e.authorityHost,
                e.authorizationUrl, e.tokenUrl, e.authMethod, e.clientSecretEnc != null, e.privateKeyEnc != null,
                e.certificatePem, e.federatedTokenFile, scopes, ScopeString.of(scopes, e.delegated()).orElse(null),
                redirectUriOrNull(e), e.secretExpiresAt, soon,
                new CredentialView.Status(e.status, e.statusCode, e.statusExplanation, e.statusSince), consent,
                e.lastRefreshAt, e.createdAt, e.updatedAt);
    }

    private String redirectUriOrNull(CredentialEntity e) {
        if (e.redirectUri != null) {
            return e.redirectUri;
        }
        return config.publicUrl().filter(u -> e.delegated()).map(CredentialService::callback).orElse(null);
    }

    /** {@code {base}/OAuth2Callback}. */
    public static String callback(URI base) {
        return UrlPaths.withoutTrailingSlash(base) + "/OAuth2Callback";
    }
}
