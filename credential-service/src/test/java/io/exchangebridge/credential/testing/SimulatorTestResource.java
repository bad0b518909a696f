package io.exchangebridge.credential.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the Exchange simulator in-process on dynamic ports and points the credential-service at it: its HTTPS host
 * becomes an allowed authority host and the default authority, and its self-signed certificate is trusted for the token
 * endpoint through the TLS configuration {@code entra}. Tests reach the running simulator with {@link #current()}.
 */
public class SimulatorTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile ExchangeSimulator current;
    private static volatile Map<String, String> overrides = Map.of();

    private ExchangeSimulator simulator;
    private Path trustStore;

    @Override
    public Map<String, String> start() {
        simulator = ExchangeSimulator.builder().start();
        current = simulator;
        try {
            trustStore = simulator.writeTrustStore(Files.createTempFile("simulator-trust", ".p12"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        overrides = Map.of(
                "credential.allowed-authority-hosts", "localhost",
                "credential.default-authority-host", simulator.httpsBaseUrl(),
                "credential.token.tls-configuration-name", "entra",
                "quarkus.tls.entra.trust-store.p12.path", trustStore.toString(),
                "quarkus.tls.entra.trust-store.p12.password", simulator.trustStorePassword());
        return overrides;
    }

    /** The configuration this resource gave the application, for starting another instance of it. */
    public static Map<String, String> overrides() {
        return overrides;
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
        current = null;
        try {
            if (trustStore != null) {
                Files.deleteIfExists(trustStore);
            }
        } catch (IOException e) {
            // a temp file
        }
    }

    /** The simulator of the running test class. */
    public static ExchangeSimulator current() {
        return current;
    }
}
