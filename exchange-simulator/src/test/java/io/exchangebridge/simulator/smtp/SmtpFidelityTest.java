package io.exchangebridge.simulator.smtp;

import static io.exchangebridge.simulator.entra.EntraTestClient.ALICE;
import static io.exchangebridge.simulator.entra.EntraTestClient.CLIENT_ID;
import static io.exchangebridge.simulator.entra.EntraTestClient.SECRET;
import static io.exchangebridge.simulator.entra.EntraTestClient.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.entra.EntraSeed;
import io.exchangebridge.simulator.testmail.TestMail;

/**
 * Microsoft's and Jakarta's own clients, unmodified, against the whole simulator: MSAL4J gets a client-credentials
 * token for https://outlook.office365.com/.default from the simulated Entra ID, Angus Mail sends with it over STARTTLS
 * trusting only the simulator's certificate.
 */
class SmtpFidelityTest {

    private static final String INFO = "info@contoso.onmicrosoft.com";

    private static ExchangeSimulator sim;
    private static AppRegistration app;

    @BeforeAll
    static void start() {
        sim = ExchangeSimulator.builder().start();
        app = EntraSeed.seed(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void healthy() {
        sim.smtp().outbox().clear();
        sim.smtp().faults().reset();
        sim.tenant(TENANT).smtpAuthEnabled(true).user(ALICE).smtpAuthEnabled(true);
    }

    @Test
    void angusMailSendsWithAnMsalClientCredentialsToken() throws Exception {
        String token = msalToken("https://outlook.office365.com/.default");
        byte[] raw = TestMail.builder(3).from(INFO, "Info").to("customer@example.com").subject("Order shipped")
                .text("Your order is on its way.").build().toByteArray();

        Session session = mailSession();
        byte[] sent = AngusMail.send(session, INFO, token, AngusMail.message(session, raw));

        SmtpSubmission received = await().atMost(Duration.ofSeconds(5))
                .until(() -> sim.smtp().outbox().messages(INFO), list -> list.size() == 1).get(0);
        assertThat(received.content()).isEqualTo(sent);
        assertThat(received.contentAsString()).contains("Subject: Order shipped\r\n");
        assertThat(received.appId()).isEqualTo(CLIENT_ID);
        assertThat(received.recipients()).containsExactly("customer@example.com");
        assertThat(sim.requestLog().count("smtp", "smtp.auth")).isPositive();
        assertThat(sim.requestLog().records()).filteredOn(r -> r.protocol().equals("smtp"))
                .allSatisfy(r -> assertThat(r.detail()).doesNotContain(token.substring(0, 20)));
    }

    @Test
    void aGraphTokenIsRefusedWith535573() throws Exception {
        String graphToken = msalToken("https://graph.microsoft.com/.default");
        assertThatThrownBy(() -> send(INFO, graphToken, simple(INFO)))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("535 5.7.3");
    }

    @Test
    void smtpAuthSwitchedOffInTheDirectoryGets5139WithTheRightWording() throws Exception {
        String token = msalToken("https://outlook.office365.com/.default");
        sim.tenant(TENANT).smtpAuthEnabled(false);
        assertThatThrownBy(() -> send(INFO, token, simple(INFO))).hasMessageContaining("disabled for the Tenant");
        sim.tenant(TENANT).smtpAuthEnabled(true);
        sim.smtp().faults().smtpAuthForMailbox(INFO, false);
        assertThat(sim.tenant(TENANT).findUser(INFO).orElseThrow().smtpAuthEnabled()).isFalse();
        assertThatThrownBy(() -> send(INFO, token, simple(INFO))).hasMessageContaining("disabled for the Mailbox");
        sim.smtp().faults().smtpAuthForMailbox(INFO, true);
        send(INFO, token, simple(INFO));
        assertThat(sim.smtp().outbox().messages(INFO)).hasSize(1);
    }

    @Test
    void adminApiIsMountedOnTheSimulator() throws Exception {
        HttpResponse<String> info = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(sim.httpBaseUrl() + "/_sim/smtp")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains("\"port\":" + sim.smtpPort());
        assertThat(sim.info()).containsEntry("smtpPort", sim.smtpPort()).containsEntry("smtpHost", "127.0.0.1");
    }

    private String msalToken(String scope) throws Exception {
        ConfidentialClientApplication msal = ConfidentialClientApplication
                .builder(app.clientId(), ClientCredentialFactory.createFromSecret(SECRET))
                .authority(sim.authority(TENANT)).instanceDiscovery(false).validateAuthority(false)
                .sslSocketFactory(sim.clientSslContext().getSocketFactory()).build();
        return msal.acquireToken(ClientCredentialParameters.builder(Set.of(scope)).build()).get().accessToken();
    }

    private Session mailSession() {
        Properties props = new Properties();
        props.put("mail.smtp.host", sim.smtpHost());
        props.put("mail.smtp.port", String.valueOf(sim.smtpPort()));
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.socketFactory", sim.clientSslContext().getSocketFactory());
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.auth.mechanisms", "XOAUTH2");
        return Session.getInstance(props);
    }

    private MimeMessage simple(String from) throws Exception {
        return AngusMail.simple(mailSession(), from, "customer@example.com", "hello");
    }

    private void send(String user, String token, MimeMessage message) throws Exception {
        AngusMail.send(message.getSession(), user, token, message);
    }
}
