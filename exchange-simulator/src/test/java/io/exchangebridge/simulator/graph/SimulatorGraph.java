package io.exchangebridge.simulator.graph;

import java.time.Duration;
import java.time.Instant;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.directory.Tenant;

/** The whole simulator with a seeded tenant, for Graph tests that need real Entra tokens (RS256, simulator clock). */
final class SimulatorGraph implements AutoCloseable {

    static final String TENANT = "contoso.onmicrosoft.com";
    static final String ALICE = "alice@contoso.onmicrosoft.com";
    static final String BOB = "bob@contoso.onmicrosoft.com";
    static final String SHARED = "invoices@contoso.onmicrosoft.com";
    static final String SECRET = "importer-secret";

    final ExchangeSimulator sim = ExchangeSimulator.builder().start();
    final Tenant contoso = sim.tenant(TENANT);
    /** An importer app with Graph application roles Mail.ReadWrite and Mail.Send. */
    final AppRegistration importer = contoso.app("11111111-aaaa-bbbb-cccc-000000000001")
            .applicationRoles(Resources.GRAPH, "Mail.ReadWrite", "Mail.Send")
            .secret(SECRET, Instant.now().plus(Duration.ofDays(365)));

    SimulatorGraph() {
        contoso.user(ALICE);
        contoso.user(BOB);
        contoso.sharedMailbox(SHARED).grantAccess(ALICE);
    }

    String appToken() {
        return sim.tokens().applicationToken(importer, Resources.GRAPH);
    }

    GraphMail mail() {
        return sim.mail();
    }

    @Override
    public void close() {
        sim.close();
    }
}
