package io.exchangebridge.foundation.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The foundation's own authentication settings, the same keys in every service: the brute-force limits and the roles of
 * bearer principals whose token carries none (Kubernetes service accounts).
 */
@ConfigMapping(prefix = "bridge-auth")
public interface BridgeAuthConfig {

    /** Limits on failed authentications per client address (HTTP and SMTP alike). */
    Lockout lockout();

    /**
     * Roles of a bearer (OIDC) principal, by principal name:
     * {@code bridge-auth.principal-roles."system:serviceaccount:eb:import-service"=token-client}.
     */
    Map<String, List<String>> principalRoles();

    interface Lockout {

        /** From this many failures within {@link #window()} on, each attempt of the address is delayed. */
        @WithDefault("5")
        int slowAfter();

        /** At this many failures within {@link #window()} the address is refused for {@link #refusal()}. */
        @WithDefault("20")
        int refuseAfter();

        /** Failures older than this are forgotten. */
        @WithDefault("PT10M")
        Duration window();

        /** How long a refused address stays refused. */
        @WithDefault("PT15M")
        Duration refusal();

        /** The longest delay of a slowed attempt, reached just before the address is refused. */
        @WithDefault("PT2S")
        Duration maxDelay();
    }
}
