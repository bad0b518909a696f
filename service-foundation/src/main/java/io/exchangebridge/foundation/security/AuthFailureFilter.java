package io.exchangebridge.foundation.security;

import java.net.URI;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.foundation.problem.Problem;
import io.exchangebridge.foundation.security.AuthFailureLimiter.Allowed;
import io.exchangebridge.foundation.security.AuthFailureLimiter.Refused;
import io.exchangebridge.foundation.security.AuthFailureLimiter.Slowed;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * {@link AuthFailureLimiter} on HTTP: a Vert.x filter that runs before Quarkus' HTTP authentication. Quarkus registers
 * its authentication handler as a filter of priority 200 and its permission check at 100, and routes every filter at
 * order {@code -priority}, so a filter of priority {@value #PRIORITY} sees the request first: a refused address is
 * answered 429 {@code application/problem+json} with {@code Retry-After} before its credentials are checked, a slowed
 * one waits on a Vert.x timer (no thread is held). A 401 to a request that carried {@code Authorization} is a failure,
 * any other answer to an authenticated request a success. Health and the OAuth redirect target are never limited. <p>
 * The address is {@code request().remoteAddress()}: Quarkus' proxy support ({@code quarkus.http.proxy.*}) replaces it
 * with the forwarded client address only for a peer in {@code quarkus.http.proxy.trusted-proxies}.
 */
@ApplicationScoped
public class AuthFailureFilter {

    /** Above Quarkus' authentication filter (200). */
    static final int PRIORITY = 300;

    private static final String PROTOCOL = "http";

    @Inject
    AuthFailureLimiter limiter;

    @Inject
    ObjectMapper mapper;

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext context) {
        if (exempt(context.normalizedPath())) {
            context.next();
            return;
        }
        String address = address(context);
        switch (limiter.check(address, PROTOCOL)) {
            case Refused refused -> refuse(context, refused.retryAfter());
            case Slowed slowed -> {
                recordOutcome(context, address);
                context.vertx().setTimer(Math.max(1, slowed.delay().toMillis()), timer -> context.next());
            }
            case Allowed allowed -> {
                recordOutcome(context, address);
                context.next();
            }
        }
    }

    static boolean exempt(String path) {
        return path.equals("/q/health") || path.startsWith("/q/health/") || path.equals("/OAuth2Callback");
    }

    private static String address(RoutingContext context) {
        SocketAddress remote = context.request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    private void recordOutcome(RoutingContext context, String address) {
        if (context.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
            return;
        }
        context.addHeadersEndHandler(ended -> {
            if (context.response().getStatusCode() == 401) {
                limiter.failed(address, PROTOCOL);
            } else if (context.user() != null) {
                limiter.succeeded(address, PROTOCOL);
            }
        });
    }

    private static URI instance(String rawPath) {
        try {
            return rawPath == null ? null : URI.create(rawPath);
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }

    private void refuse(RoutingContext context, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        Problem problem = new Problem(Problem.aboutBlank(), "Too Many Requests", 429,
                "Too many failed authentications from this address; try again in " + seconds + " seconds.",
                instance(context.request().path()));
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(429).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("Retry-After", Long.toString(seconds)).end(body);
    }
}
