package io.exchangebridge.credential.token;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.exchangebridge.credential.security.ClientAccess;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The hand-out of a token that is in memory, answered on the event loop in front of {@link TokenResource}: the same
 * path, the same authentication (Quarkus' HTTP security has run before any route, so the caller's identity, roles
 * mapping included, is known here), the same access rule, metrics and audit ({@link TokenService#cached}), the same
 * JSON (the application's {@link ObjectMapper}). Profiling the hand-out (BENCHMARKS.md) showed most of the time in
 * Quarkus REST's per-request chain, not in the map lookup. Anything not plainly a cache hit — no identity or role, a
 * client not allowed, a body that is not a valid request, a rejected-token fingerprint, a token not in memory — goes on
 * to {@link TokenResource}, which answers it as before (its errors, its worker thread, its OpenAPI description). The
 * body is read here once ({@link BodyHandler}) and Quarkus REST reads that buffer instead of the request (HTTP/1.x
 * only, see {@link #http1}).
 */
@ApplicationScoped
public class CachedTokenRoute {

    static final String PATH = "/api/credentials/:id/token";
    private static final int MAX_BODY = 16 * 1024;
    /** Set on a request this route leaves to the REST layer without reading its body. */
    private static final String PASS = CachedTokenRoute.class.getName() + ".pass";
    private static final String IDENTITY = CachedTokenRoute.class.getName() + ".identity";
    /** Where Quarkus keeps the roles mapping of a request (io.quarkus.vertx.http.runtime.security.RolesMapping). */
    private static final String ROLES_MAPPING = "io.quarkus.vertx.http.runtime.security.RolesMapping";
    /** Ids as a credential may have them ({@code CredentialValidator}); anything else is left to the REST layer. */
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final TokenService tokens;
    private final ClientAccess access;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final AtomicLong answered = new AtomicLong();

    public CachedTokenRoute(TokenService tokens, ClientAccess access, ObjectMapper json) {
        this.tokens = tokens;
        this.access = access;
        this.reader = json.readerFor(TokenRequest.class);
        this.writer = json.writerFor(TokenResponse.class);
    }

    void register(@Observes Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY);
        router.post(PATH).handler(ctx -> {
            if (candidate(ctx)) {
                body.handle(ctx); // reads the body, then goes on to the answer below
            } else {
                ctx.put(PASS, Boolean.TRUE);
                ctx.next();
            }
        }).handler(this::answer);
    }

    /**
     * Whether the request may be a cache hit, judged from its head alone, before its body is read: the body is read
     * only for an authenticated token client that may use the credential, with a small JSON body of known length (a
     * larger or chunked one goes to the REST layer unread, which applies its own limits and answers).
     */
    private boolean candidate(RoutingContext ctx) {
        SecurityIdentity identity = identity(ctx);
        String id = ctx.pathParam("id");
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        return http1(ctx) && identity != null && !identity.isAnonymous() && identity.hasRole("token-client")
                && id != null
                && PLAIN_ID.matcher(id).matches() && json(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))
                && acceptsJson(ctx.request().getHeader(HttpHeaders.ACCEPT)) && smallLength(length)
                && access.allowed(identity.getPrincipal().getName(), id);
    }

    private void answer(RoutingContext ctx) {
        Optional<Buffer> answer = ctx.get(PASS) == null ? cachedAnswer(ctx) : Optional.empty();
        if (answer.isEmpty()) {
            ctx.next();
            return;
        }
        answered.incrementAndGet();
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8").end(answer.get());
    }

    private Optional<Buffer> cachedAnswer(RoutingContext ctx) {
        RequestBody body = ctx.body();
        if (body == null || body.isEmpty()) {
            return Optional.empty();
        }
        TokenRequest request;
        try {
            request = reader.readValue(body.buffer().getBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
        if (request == null || request.resource() == null || request.rejectedTokenSha256() != null) {
            return Optional.empty();
        }
        String client = identity(ctx).getPrincipal().getName();
        return tokens.cached(ctx.pathParam("id"), request.resource(), client).map(token -> {
            try {
                return Buffer.buffer(writer.writeValueAsBytes(token));
            } catch (IOException e) {
                throw new IllegalStateException("A token response could not be written as JSON", e);
            }
        });
    }

    /**
     * The request's identity with {@code quarkus.http.auth.roles-mapping} applied (an Entra app role
     * {@code Bridge.Token} is {@code token-client}). Quarkus applies the mapping when the REST layer checks a role,
     * after the routes, and leaves it in the routing context under its class name; without it here a bearer hand-out
     * would always go on to the REST layer. {@code CachedTokenRouteBearerTest} fails if Quarkus stops leaving it there.
     */
    @SuppressWarnings("unchecked")
    private static SecurityIdentity identity(RoutingContext ctx) {
        SecurityIdentity identity = ctx.get(IDENTITY);
        if (identity != null) {
            return identity;
        }
        identity = ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (identity != null && ctx.get(ROLES_MAPPING) instanceof Function<?, ?> mapping) {
            identity = ((Function<SecurityIdentity, SecurityIdentity>) mapping).apply(identity);
        }
        if (identity != null) {
            ctx.put(IDENTITY, identity);
        }
        return identity;
    }

    /**
     * Only HTTP/1.x: Quarkus REST takes over a body this route has read on HTTP/1.1, but on HTTP/2 it cannot (it pauses
     * the ended stream and fails), so an HTTP/2 request always goes to it unread. The services' clients and wrk speak
     * HTTP/1.1.
     */
    private static boolean http1(RoutingContext ctx) {
        HttpVersion version = ctx.request().version();
        return version == HttpVersion.HTTP_1_1 || version == HttpVersion.HTTP_1_0;
    }

    private static boolean smallLength(String length) {
        try {
            return length != null && Long.parseLong(length.trim()) <= MAX_BODY;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean json(String contentType) {
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    private static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains("application/json") || a.contains("*/*") || a.contains("application/*");
    }

    /** Hand-outs answered here rather than by {@link TokenResource}; for tests. */
    long answered() {
        return answered.get();
    }
}
