package io.exchangebridge.simulator.faults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.SimulatedDirectory;
import io.exchangebridge.simulator.directory.Tenant;
import io.exchangebridge.simulator.directory.User;
import io.exchangebridge.simulator.entra.RefreshTokens;

/**
 * Entra ID fault switches, one place for the Java API and {@code /_sim/entra/faults}. Each names the AADSTS code the
 * client will see.
 */
public final class EntraFaults {

    private final SimulatedDirectory directory;
    private final RefreshTokens refreshTokens;
    private final Clock clock;
    private final AtomicInteger failingTokenRequests = new AtomicInteger();
    private final Map<String, Instant> signInRequiredSince = new ConcurrentHashMap<>();
    private volatile int failureStatus = 503;
    private volatile Duration delay = Duration.ZERO;

    public EntraFaults(SimulatedDirectory directory, RefreshTokens refreshTokens, Clock clock) {
        this.directory = directory;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    /** The next {@code count} token requests answer {@code status} (500, 503, 504) {@code temporarily_unavailable}. */
    public EntraFaults failNextTokenRequests(int count, int status) {
        this.failureStatus = status;
        failingTokenRequests.set(count);
        return this;
    }

    /** Every Entra endpoint waits {@code delay} before answering (zero to stop). */
    public EntraFaults delayResponses(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** AADSTS700082 for this refresh token. */
    public boolean expireRefreshToken(String refreshToken) {
        return refreshTokens.expire(refreshToken);
    }

    /** AADSTS70008 for this refresh token. */
    public boolean revokeRefreshToken(String refreshToken) {
        return refreshTokens.revoke(refreshToken);
    }

    /** AADSTS700082 for every refresh token of the user (of one client when given); returns how many. */
    public int expireRefreshTokens(String upn, Optional<String> clientId) {
        return refreshTokens.expireAll(user(upn).id(), clientId);
    }

    /** AADSTS70008 for every refresh token of the user (of one client when given); returns how many. */
    public int revokeRefreshTokens(String upn, Optional<String> clientId) {
        return refreshTokens.revokeAll(user(upn).id(), clientId);
    }

    /** AADSTS50173 for every refresh token issued to the user until now (password reset, revoked sessions). */
    public EntraFaults revokeAllGrants(String upn) {
        user(upn).revokeAllGrants(clock.instant());
        return this;
    }

    /** AADSTS70043 for every refresh token issued to the user until now (Conditional Access sign-in frequency). */
    public EntraFaults requireSignInAgain(String upn) {
        signInRequiredSince.put(user(upn).id(), clock.instant());
        return this;
    }

    /** AADSTS7000222: every secret of the app expired a second ago. */
    public EntraFaults expireClientSecrets(String tenant, String clientId) {
        AppRegistration app = app(tenant, clientId);
        Instant past = clock.instant().minusSeconds(1);
        app.secrets().forEach(s -> app.expireSecret(s.value(), past));
        return this;
    }

    /** AADSTS700016 for token requests, 401 for its tokens at Graph and SMTP, until enabled again. */
    public EntraFaults disableApp(String tenant, String clientId, boolean disabled) {
        app(tenant, clientId).enabled(!disabled);
        return this;
    }

    /** Deletes the app registration (AADSTS700016). */
    public EntraFaults deleteApp(String tenant, String clientId) {
        tenant(tenant).deleteApp(clientId);
        return this;
    }

    /** AADSTS65001 for delegated grants of the app; the consent page cannot grant. */
    public EntraFaults withholdConsent(String tenant, String clientId, boolean withheld) {
        app(tenant, clientId).consentWithheld(withheld);
        return this;
    }

    /** AADSTS53003 for every token request and sign-in in the tenant. */
    public EntraFaults conditionalAccessBlock(String tenant, boolean block) {
        tenant(tenant).conditionalAccessBlock(block);
        return this;
    }

    /** Stops the transient faults (failures, delay, sign-in frequency); directory changes stay. */
    public EntraFaults clear() {
        failingTokenRequests.set(0);
        delay = Duration.ZERO;
        signInRequiredSince.clear();
        return this;
    }

    /** Consumes one injected token-endpoint failure, if any: the status to answer. */
    public Optional<Integer> takeTokenFailure() {
        return failingTokenRequests.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                ? Optional.of(failureStatus)
                : Optional.empty();
    }

    public Duration delay() {
        return delay;
    }

    /** When a user was told to sign in again (AADSTS70043 for refresh tokens issued before). */
    public Optional<Instant> signInRequiredSince(String userId) {
        return Optional.ofNullable(signInRequiredSince.get(userId));
    }

    private Tenant tenant(String tenant) {
        return directory.findTenant(tenant).orElseThrow(() -> new IllegalArgumentException("No tenant " + tenant));
    }

    private AppRegistration app(String tenant, String clientId) {
        return tenant(tenant).findApp(clientId)
                .orElseThrow(() -> new IllegalArgumentException("No app " + clientId + " in " + tenant));
    }

    private User user(String upn) {
        return directory.findUser(upn).orElseThrow(() -> new IllegalArgumentException("No user " + upn));
    }
}
