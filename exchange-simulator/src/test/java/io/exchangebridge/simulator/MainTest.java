package io.exchangebridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.testmail.TestMailCorpus;

class MainTest {

    @Test
    void bannerPrintsTheUrlsAndTheDemoTenant() {
        try (ExchangeSimulator sim = ExchangeSimulator.builder().seed(DemoTenant::seed).start()) {
            String banner = Main.banner(sim, null, true);

            assertThat(banner).contains(sim.httpBaseUrl(), sim.httpsBaseUrl(), sim.graphBaseUrl(),
                    sim.httpBaseUrl() + "/_sim", DemoTenant.CLIENT_ID, DemoTenant.REDIRECT_URI, DemoTenant.ALICE,
                    DemoTenant.SHARED, DemoTenant.SUPPORT, sim.tenant(DemoTenant.DOMAIN).id());
            assertThat(sim.tenant(DemoTenant.DOMAIN).findApp(DemoTenant.CLIENT_ID).orElseThrow().redirectUris())
                    .containsExactly("http://localhost:8081/OAuth2Callback");
        }
    }

    @Test
    void demoMailboxesHoldTheTestMailCorpus() {
        try (ExchangeSimulator sim = ExchangeSimulator.builder().seed(DemoTenant::seed).start()) {
            DemoTenant.seedMail(sim.mail());

            int corpus = TestMailCorpus.standard(1).size();
            assertThat(sim.mail().mailbox(DemoTenant.ALICE).messages("inbox")).hasSize(corpus);
            assertThat(sim.mail().mailbox(DemoTenant.SHARED).messages("inbox")).hasSize(corpus);
            assertThat(sim.mail().mailbox(DemoTenant.SUPPORT).messages("inbox")).hasSize(corpus);
            assertThat(sim.mail().mailbox(DemoTenant.SUPPORT).folder(DemoTenant.SUPPORT_SUBFOLDER)).isPresent();
            assertThat(sim.mail().mailbox(DemoTenant.BOB).messages("inbox")).isEmpty();
        }
    }
}
