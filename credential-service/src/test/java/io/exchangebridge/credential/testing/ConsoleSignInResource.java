package io.exchangebridge.credential.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.AppRegistration;

/**
 * The simulator (as {@link SimulatorTestResource} starts it) as the console's Entra tenant: the console's app
 * registration {@link #CLIENT_ID} with a client secret, and the OIDC tenant {@code console} pointed at the simulator's
 * authority of {@link Api#TENANT}, trusting its certificate through the TLS configuration {@code entra}. Whether the
 * tenant is on is the test profile's business. The redirect URIs, which name the test's random port, are registered by
 * the tests ({@link #registerConsole(String)}).
 */
public class ConsoleSignInResource extends SimulatorTestResource {

    /** The console app registration's client id. */
    public static final String CLIENT_ID = "c0450e00-0000-4000-8000-00000000c0de";
    /** Its client secret: 32+ characters, as quarkus-oidc derives the state and session cookie keys from it. */
    public static final String CLIENT_SECRET = "console-secret-0123456789-abcdefghijklmnop";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        ExchangeSimulator sim = current();
        sim.tenant(Api.TENANT).app(CLIENT_ID).displayName("Exchange Bridge console")
                .secret(CLIENT_SECRET, Instant.now().plus(365, ChronoUnit.DAYS));
        config.put("quarkus.oidc.console.auth-server-url", sim.httpsBaseUrl() + "/" + Api.TENANT + "/v2.0");
        config.put("quarkus.oidc.console.client-id", CLIENT_ID);
        config.put("quarkus.oidc.console.credentials.secret", CLIENT_SECRET);
        config.put("quarkus.oidc.console.tls.tls-configuration-name", "entra");
        return config;
    }

    /**
     * The console app registration, with the redirect URIs of the service at {@code base} ({@code http://host:port/}).
     */
    public static AppRegistration registerConsole(String base) {
        return current().tenant(Api.TENANT).app(CLIENT_ID).redirectUri(base + "ui/signin-oidc")
                .redirectUri(base + "ui");
    }
}
