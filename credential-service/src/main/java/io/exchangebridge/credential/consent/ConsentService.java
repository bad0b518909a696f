package io.exchangebridge.credential.consent;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.credential.audit.AuditLog;
import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.consent.CallbackResult.Kind;
import io.exchangebridge.credential.credential.AuthorizationUrl;
import io.exchangebridge.credential.credential.CredentialChanged;
import io.exchangebridge.credential.credential.CredentialEntity;
import io.exchangebridge.credential.credential.CredentialService;
import io.exchangebridge.credential.credential.CredentialStatus;
import io.exchangebridge.credential.credential.Resources;
import io.exchangebridge.credential.crypto.SecretCipher;
import io.exchangebridge.credential.token.Classification;
import io.exchangebridge.credential.token.ClientAuthenticator;
import io.exchangebridge.credential.token.EntraErrorClassifier;
import io.exchangebridge.credential.token.EntraResult;
import io.exchangebridge.credential.token.EntraTokenClient;
import io.exchangebridge.credential.token.TokenService;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The authorization code flow with PKCE (S256): a random, single-use, expiring {@code state} per attempt; the code is
 * exchanged only for a state this service issued and has not seen back before.
 */
@ApplicationScoped
public class ConsentService {

    private final SecureRandom random = new SecureRandom();
    private final CredentialConfig config;
    private final CredentialService credentials;
    private final SecretCipher cipher;
    private final EntraTokenClient entra;
    private final ClientAuthenticator authenticator;
    private final TokenService tokens;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Event<CredentialChanged> changed;

    public ConsentService(CredentialConfig config, CredentialService credentials, SecretCipher cipher,
            EntraTokenClient entra, ClientAuthenticator authenticator, TokenService tokens, AuditLog audit,
            ObjectMapper json, Event<CredentialChanged> changed) {
        this.config = config;
        this.credentials = credentials;
        this.cipher = cipher;
        this.entra = entra;
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.audit = audit;
        this.json = json;
        this.changed = changed;
    }

    /** Starts a consent: the URL of Entra's sign-in page to redirect the browser to. */
    public String start(String credentialId, String requestBase, String actor) {
        return start(credentialId, requestBase, actor, false);
    }

    /**
     * @param returnToUi
     *            whether the callback sends the browser back to the admin UI's page of the credential
     */
    public String start(String credentialId, String requestBase, String actor, boolean returnToUi) {
        return QuarkusTransaction.requiringNew().call(() -> {
            CredentialEntity c = CredentialEntity.findById(credentialId);
            if (c == null) {
                throw CredentialService.notFound(credentialId);
            }
            if (!c.delegated()) {
                throw new NoUserConsent(credentialId);
            }
            String state = randomToken();
            String verifier = randomToken();
            ConsentStateEntity s = new ConsentStateEntity();
            s.stateHash = sha256(state);
            s.credentialId = credentialId;
            s.codeVerifierEnc = cipher.encrypt(verifier, s.context());
            s.redirectUri = redirectUri(c, requestBase);
            s.createdAt = Instant.now();
            s.expiresAt = s.createdAt.plus(config.consent().stateTtl());
            s.returnToUi = returnToUi;
            s.persist();
            ConsentStateEntity.delete("expiresAt < ?1", s.createdAt);
            audit.record(actor, "consent.start", credentialId, null, "OK");

            Map<String, String> q = new LinkedHashMap<>();
            q.put("client_id", c.clientId);
            q.put("response_type", "code");
            q.put("redirect_uri", s.redirectUri);
            q.put("response_mode", "query");
            q.put("scope", Resources.consentScope(credentials.scopes(c)));
            q.put("state", state);
            q.put("code_challenge", challenge(verifier));
            q.put("code_challenge_method", "S256");
            q.put("prompt", "select_account");
            // The URL's own query (e.g. ?prompt=select_account or a login_hint) merged in: no parameter twice.
            return AuthorizationUrl.parse(c.authorizationUrl).with(q);
        });
    }

    /** Handles Entra's redirect back. Exchanges the code only for a valid, unused, unexpired state. */
    public CallbackResult callback(String state, String code, String error, String errorDescription) {
        if (state == null || state.isBlank()) {
            return new CallbackResult(Kind.NOT_COMPLETED, "Sign-in not completed",
                    "The link has no state. Start again from the consent link.");
        }
        ConsentStateEntity s = QuarkusTransaction.requiringNew().call(() -> {
            // Consumed before anything else: a state works once, even when the exchange fails.
            ConsentStateEntity found = ConsentStateEntity.findById(sha256(state), LockModeType.PESSIMISTIC_WRITE);
            if (found != null) {
                found.delete();
            }
            return found;
        });
        if (s == null || Instant.now().isAfter(s.expiresAt)) {
            Log.warn("Consent callback with an unknown, used or expired state: nothing exchanged");
            return new CallbackResult(Kind.NOT_COMPLETED, "Sign-in not completed",
                    "This sign-in link is invalid, expired or was already used. Nothing was changed. "
                            + "Start again from the consent link.");
        }
        String again = s.returnToUi
                ? "Click the key icon (Connect) to try again."
                : "Start again from the consent link.";
        if (error != null) {
            audit.record("entra", "consent.declined", s.credentialId, null, error);
            return s.outcome(Kind.NOT_COMPLETED, "Sign-in not completed", "Microsoft answered '" + error + "'"
                    + (errorDescription == null ? "" : ": " + firstLine(errorDescription))
                    + ". Nothing was changed. " + again);
        }
        if (code == null || code.isBlank()) {
            return s.outcome(Kind.NOT_COMPLETED, "Sign-in not completed", "Microsoft sent no code. " + again);
        }
        String verifier = cipher.decrypt(s.codeVerifierEnc, s.context());
        CallbackResult r = QuarkusTransaction.requiringNew().call(() -> exchange(s, code, verifier));
        return r.kind() == Kind.CREDENTIAL_GONE ? r : s.outcome(r.kind(), r.title(), r.message());
    }

    private CallbackResult exchange(ConsentStateEntity s, String code, String verifier) {
        CredentialEntity c = CredentialEntity.findById(s.credentialId, LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            return new CallbackResult(Kind.CREDENTIAL_GONE, "Sign-in not completed",
                    "The credential no longer exists.");
        }
        Map<String, List<String>> scopes = credentials.scopes(c);
        String first = scopes.keySet().iterator().next();
        Map<String, String> form = EntraTokenClient.form();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", s.redirectUri);
        form.put("code_verifier", verifier);
        form.put("scope", Resources.tokenScope(first, scopes.get(first), true));
        Instant now = Instant.now();
        try {
            authenticator.authenticate(c, form);
        } catch (ClientAuthenticator.ClientAuthenticationException e) {
            c.status(CredentialStatus.CONFIG_ERROR, null, e.getMessage(), now);
            return new CallbackResult(Kind.MISCONFIGURED, "Sign-in not completed", e.getMessage());
        }
        EntraResult result = entra.call(c.tokenUrl, form);
        if (result instanceof EntraResult.Success ok) {
            if (ok.refreshToken() == null) {
                c.status(CredentialStatus.CONFIG_ERROR, null,
                        "Entra ID returned no refresh token: the scope offline_access was not granted.", now);
                return new CallbackResult(Kind.REFUSED, "Sign-in not completed", c.statusExplanation);
            }
            tokens.store(c, first, ok, now);
            c.consentUpn = upn(ok.idToken(), ok.accessToken());
            c.consentedAt = now;
            audit.record(c.consentUpn == null ? "unknown" : c.consentUpn, "consent.granted", c.id, null, "OK");
            changed.fire(new CredentialChanged(c.id));
            Log.infof("Credential %s: consent granted by %s", c.id, c.consentUpn);
            return new CallbackResult(Kind.CONNECTED, "Connected", "Credential '" + c.id + "' is connected"
                    + (c.consentUpn == null ? "" : " as " + c.consentUpn) + "."
                    + (s.returnToUi ? "" : " You can close this window."));
        }
        Classification k = EntraErrorClassifier.classify(result, true);
        if (k.status() != CredentialStatus.CONSENT_REQUIRED) {
            c.status(k.status(), k.code(), k.explanation(), now);
        }
        audit.record("entra", "consent.exchange", c.id, null, k.code() == null ? k.status().name() : k.code());
        return new CallbackResult(Kind.REFUSED, "Sign-in not completed",
                "Microsoft refused the sign-in code" + (k.code() == null ? "" : " (" + k.code() + ")") + ": "
                        + k.explanation());
    }

    private String redirectUri(CredentialEntity c, String requestBase) {
        if (c.redirectUri != null) {
            return c.redirectUri;
        }
        return CredentialService.callback(config.publicUrl().orElse(URI.create(requestBase)));
    }

    /**
     * {@code upn}, else {@code preferred_username}, from the id token or the access token (read, not verified: both
     * came straight from the token endpoint over TLS).
     */
    private String upn(String... jwts) {
        for (String jwt : jwts) {
            if (jwt == null) {
                continue;
            }
            String[] parts = jwt.split("\\.");
            if (parts.length < 2) {
                continue;
            }
            try {
                JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
                for (String claim : List.of("upn", "preferred_username", "unique_name", "email")) {
                    if (claims.hasNonNull(claim)) {
                        return claims.get(claim).asText();
                    }
                }
            } catch (Exception e) {
                // opaque token: try the next
            }
        }
        return null;
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(verifier));
    }

    static String sha256(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(value));
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String s) {
        String line = s.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
