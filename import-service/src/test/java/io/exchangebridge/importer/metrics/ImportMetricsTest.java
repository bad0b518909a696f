package io.exchangebridge.importer.metrics;

import static io.exchangebridge.importer.testing.Api.as;
import static io.exchangebridge.importer.testing.Api.createMailbox;
import static io.exchangebridge.importer.testing.Api.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.testing.FakeCredentialService;
import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.importer.testing.TestMail;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.graph.RetryAfter;
import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.testing.PostgresTestResource;
import io.exchangebridge.testing.PrometheusText;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The importer's domain metrics on {@code /q/metrics}, as deploy/grafana and the alert rules read them. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class ImportMetricsTest {

    private static ExchangeSimulator sim() {
        return SimulatorResource.sim();
    }

    private static double value(String name, Map<String, String> labels) {
        return PrometheusText.sum(as("reader").get("/q/metrics").then().statusCode(200).extract().asString(), name,
                labels);
    }

    private static MailboxStore mailbox(String upn) {
        sim().tenant(SimulatorResource.TENANT).user(upn);
        return sim().mail().mailbox(upn);
    }

    private static void account(String id, String upn, String credentialId) {
        createMailbox(Map.of("id", id, "mailbox", upn, "credentialId", credentialId, "afterImport", "MOVE"));
    }

    @Test
    void importsAndThrottlingAreCounted() {
        String upn = "metrics@contoso.onmicrosoft.com";
        MailboxStore box = mailbox(upn);
        box.add("inbox").receivedAt(Instant.parse("2026-11-01T00:00:00Z")).mime(TestMail.plain("metrics", 1));
        box.add("inbox").receivedAt(Instant.parse("2026-11-01T00:00:01Z")).mime(TestMail.plain("metrics", 2));
        account("metrics", upn, SimulatorResource.CREDENTIAL);
        double succeeded = value("importer_runs_total", Map.of("outcome", "succeeded"));
        double throttled = value("importer_graph_throttled_total", Map.of());
        sim().mail().faults().throttleNext(upn, 1, RetryAfter.seconds(1));

        assertThat(run("metrics").getString("status")).isEqualTo("SUCCEEDED");

        assertThat(value("importer_messages_imported_total", Map.of("mailbox", "metrics"))).isEqualTo(2);
        assertThat(value("importer_runs_total", Map.of("outcome", "succeeded"))).isEqualTo(succeeded + 1);
        assertThat(value("importer_graph_throttled_total", Map.of())).isEqualTo(throttled + 1);
    }

    @Test
    void consecutiveFailuresCountUntilAnImportSucceeds() {
        String upn = "metrics-revoked@contoso.onmicrosoft.com";
        mailbox(upn);
        FakeCredentialService broker = SimulatorResource.credentials();
        broker.credential("metrics-revoked", sim().tenant(SimulatorResource.TENANT).app(SimulatorResource.CLIENT_ID));
        broker.mode("metrics-revoked", FakeCredentialService.Mode.CONSENT_REQUIRED);
        account("metrics-revoked", upn, "metrics-revoked");
        Map<String, String> tag = Map.of("mailbox", "metrics-revoked");
        double failed = value("importer_runs_total", Map.of("outcome", "failed"));

        assertThat(run("metrics-revoked").getString("status")).isEqualTo("FAILED");
        assertThat(run("metrics-revoked").getString("status")).isEqualTo("FAILED");
        assertThat(value("importer_runs_total", Map.of("outcome", "failed"))).isEqualTo(failed + 2);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> value("importer_mailbox_failures_consecutive", tag) == 2);

        broker.mode("metrics-revoked", FakeCredentialService.Mode.READY);
        assertThat(run("metrics-revoked").getString("status")).isEqualTo("SUCCEEDED");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> value("importer_mailbox_failures_consecutive", tag) == 0);
    }
}
