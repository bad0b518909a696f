package io.exchangebridge.simulator.entra;

import java.time.Duration;

/**
 * Lifetimes the simulated Entra ID applies. Mutable at run time (tests shorten them); thread-safe.
 */
public final class EntraSettings {

    private volatile Duration accessTokenLifetime = Duration.ofMinutes(60);
    private volatile Duration refreshTokenGracePeriod = Duration.ofHours(1);
    private volatile Duration refreshTokenInactivity = Duration.ofDays(90);
    private volatile Duration authorizationCodeLifetime = Duration.ofMinutes(10);
    private volatile int loopDetectionThreshold;

    /** {@code expires_in} of access tokens; default 60 minutes. */
    public Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    public EntraSettings accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = lifetime;
        return this;
    }

    /**
     * How long a refresh token keeps working after it was rotated (redeemed for a new one); default 1 hour. Zero makes
     * any client that does not store the rotated token fail at its next refresh.
     */
    public Duration refreshTokenGracePeriod() {
        return refreshTokenGracePeriod;
    }

    public EntraSettings refreshTokenGracePeriod(Duration grace) {
        this.refreshTokenGracePeriod = grace;
        return this;
    }

    /** A refresh token unused this long expires (AADSTS700082); default 90 days. */
    public Duration refreshTokenInactivity() {
        return refreshTokenInactivity;
    }

    public EntraSettings refreshTokenInactivity(Duration inactivity) {
        this.refreshTokenInactivity = inactivity;
        return this;
    }

    public Duration authorizationCodeLifetime() {
        return authorizationCodeLifetime;
    }

    public EntraSettings authorizationCodeLifetime(Duration lifetime) {
        this.authorizationCodeLifetime = lifetime;
        return this;
    }

    /** Identical token requests (client, user, resource) allowed per minute before AADSTS50196; 0 (default) = off. */
    public int loopDetectionThreshold() {
        return loopDetectionThreshold;
    }

    public EntraSettings loopDetectionThreshold(int perMinute) {
        this.loopDetectionThreshold = perMinute;
        return this;
    }
}
