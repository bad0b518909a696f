package io.exchangebridge.credential.ui;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.RequestScoped;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.crypto.SecretCipher;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * CSRF protection of the UI's forms with a signed double-submit cookie (OWASP): a random value in an HttpOnly,
 * SameSite=Strict cookie, and in each form that value sealed with the service's AES-GCM key and bound to the signed-in
 * user. A forged cross-site post has neither; a cookie planted from a sibling domain does not match any sealed token.
 * quarkus-rest-csrf would do this, but it is not published for Quarkus 3.34.1; this reuses the service's own cipher, so
 * tokens work across replicas and key rotations without another secret.
 */
@RequestScoped
public class CsrfGuard {

    static final String COOKIE = "eb-csrf";
    public static final String FIELD = "csrf";

    private final SecureRandom random = new SecureRandom();
    private final RoutingContext http;
    private final SecretCipher cipher;
    private final SecurityIdentity identity;
    private final boolean browserUsesHttps;
    private String value;

    public CsrfGuard(RoutingContext http, SecretCipher cipher, SecurityIdentity identity, CredentialConfig config) {
        this.http = http;
        this.cipher = cipher;
        this.identity = identity;
        // behind a TLS-terminating ingress the request here is plain HTTP, but the browser's is HTTPS
        this.browserUsesHttps = config.publicUrl().map(url -> "https".equalsIgnoreCase(url.getScheme()))
                .orElse(false);
    }

    /** The hidden field's value for a form on this page; sets the cookie when the browser has none yet. */
    public String token() {
        if (value == null) {
            Cookie cookie = http.request().getCookie(COOKIE);
            if (cookie != null && !cookie.getValue().isBlank()) {
                value = cookie.getValue();
            } else {
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                http.response().addCookie(Cookie.cookie(COOKIE, value).setPath("/ui").setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT).setSecure(browserUsesHttps || http.request().isSSL()));
            }
        }
        return cipher.encrypt(value, context());
    }

    /** Refuses the request with a 403 unless the form's token matches this browser's cookie and user. */
    public void verify(String field) {
        Cookie cookie = http.request().getCookie(COOKIE);
        if (cookie == null || field == null || field.isBlank()) {
            throw new CsrfRejectedException();
        }
        try {
            if (!cipher.decrypt(field, context()).equals(cookie.getValue())) {
                throw new CsrfRejectedException();
            }
        } catch (IllegalStateException e) {
            throw new CsrfRejectedException();
        }
    }

    private String context() {
        return "ui-csrf/" + identity.getPrincipal().getName();
    }

    /** A form post without a valid token. */
    public static class CsrfRejectedException extends RuntimeException {

        CsrfRejectedException() {
            super("CSRF token missing or invalid", null, false, false);
        }
    }
}
