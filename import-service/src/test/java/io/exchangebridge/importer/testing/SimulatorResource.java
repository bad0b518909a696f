package io.exchangebridge.importer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the Exchange simulator in-process on dynamic ports, plus a {@link FakeCredentialService} in front of it, and
 * points the import-service at both. Tests reach them through the static accessors (same JVM as @QuarkusTest).
 */
public class SimulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final String TENANT = "contoso.onmicrosoft.com";
    public static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";
    /** A credential whose app has Graph Mail.ReadWrite and Calendars.ReadWrite. */
    public static final String CREDENTIAL = "graph-app";
    /** A credential whose app has no Graph permission. */
    public static final String POWERLESS = "powerless-app";

    private static ExchangeSimulator sim;
    private static FakeCredentialService credentials;

    public static ExchangeSimulator sim() {
        return sim;
    }

    public static FakeCredentialService credentials() {
        return credentials;
    }

    @Override
    public Map<String, String> start() {
        sim = ExchangeSimulator.builder().start();
        AppRegistration app = sim.tenant(TENANT).app(CLIENT_ID).applicationRoles(Resources.GRAPH, "Mail.ReadWrite",
                "Calendars.ReadWrite");
        AppRegistration powerless = sim.tenant(TENANT).app("99999999-2222-3333-4444-555555555555");
        try {
            credentials = new FakeCredentialService(sim).credential(CREDENTIAL, app).credential(POWERLESS, powerless);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("importer.graph.base-url", sim.httpBaseUrl() + "/v1.0",
                "importer.webhook.poll-every", "0.3s", "importer.webhook.backoff-base", "PT0.2S",
                "credential-client.url", credentials.url(),
                "credential-client.username", FakeCredentialService.USER,
                "credential-client.password", FakeCredentialService.PASSWORD,
                "importer.graph.backoff-base", "PT0.2S",
                "importer.graph.backoff-max", "PT2S");
    }

    @Override
    public void stop() {
        if (credentials != null) {
            credentials.close();
        }
        if (sim != null) {
            sim.close();
        }
    }
}
