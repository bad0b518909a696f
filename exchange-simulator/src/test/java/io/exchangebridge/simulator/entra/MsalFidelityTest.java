package io.exchangebridge.simulator.entra;

import static io.exchangebridge.simulator.entra.EntraTestClient.ALICE;
import static io.exchangebridge.simulator.entra.EntraTestClient.CLIENT_ID;
import static io.exchangebridge.simulator.entra.EntraTestClient.PASSWORD;
import static io.exchangebridge.simulator.entra.EntraTestClient.REDIRECT_URI;
import static io.exchangebridge.simulator.entra.EntraTestClient.SECRET;
import static io.exchangebridge.simulator.entra.EntraTestClient.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URL;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.AuthorizationRequestUrlParameters;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.Prompt;
import com.microsoft.aad.msal4j.ResponseMode;
import com.microsoft.aad.msal4j.SilentParameters;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.http.HttpExchanges;

/** Microsoft's own MSAL4J, unmodified, against the simulator's HTTPS authority. */
class MsalFidelityTest {

    private static final Set<String> GRAPH_DEFAULT = Set.of("https://graph.microsoft.com/.default");
    private static final Set<String> MAIL = Set.of("https://graph.microsoft.com/Mail.ReadWrite");

    private ExchangeSimulator sim;
    private AppRegistration app;

    @BeforeEach
    void start() {
        sim = ExchangeSimulator.builder().start();
        app = EntraSeed.seed(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void clientCredentialsWithSecret() throws Exception {
        IAuthenticationResult result = msal(ClientCredentialFactory.createFromSecret(SECRET))
                .acquireToken(ClientCredentialParameters.builder(GRAPH_DEFAULT).build()).get();

        var token = sim.tokenVerifier().verify(result.accessToken());
        assertThat(token.audience()).isEqualTo(Resources.GRAPH);
        assertThat(token.roles()).containsExactlyInAnyOrder("Mail.ReadWrite", "Mail.Send");
        assertThat(token.appId()).isEqualTo(CLIENT_ID);
        assertThat(result.expiresOnDate()).isInTheFuture();
    }

    @Test
    void clientCredentialsWithCertificate() throws Exception {
        TestCertificates.Credential credential = TestCertificates.selfSigned("exchange-bridge");
        app.certificate(credential.certificate());

        IAuthenticationResult result = msal(ClientCredentialFactory
                .createFromCertificate(credential.keyPair().getPrivate(), credential.certificate()))
                .acquireToken(ClientCredentialParameters.builder(Set.of("https://outlook.office365.com/.default"))
                        .build())
                .get();

        var token = sim.tokenVerifier().verify(result.accessToken());
        assertThat(token.audience()).isEqualTo(Resources.OUTLOOK_365);
        assertThat(token.roles()).containsExactly("SMTP.SendAsApp");
    }

    @Test
    void clientCredentialsWithAFederatedWorkloadIdentityAssertion() throws Exception {
        KeyPair cluster = TestCertificates.rsa();
        String issuer = "https://oidc.prod-aks.example/7f3c";
        String subject = "system:serviceaccount:exchange-bridge:credential-service";
        app.federatedCredential(issuer, subject, cluster.getPublic());
        // What a Kubernetes projected service-account token looks like to Entra: a JWT of the cluster's issuer.
        String serviceAccountToken = TokenEndpointTest.assertion(cluster, issuer, subject,
                "api://AzureADTokenExchange", null, null);

        IAuthenticationResult result = msal(ClientCredentialFactory.createFromClientAssertion(serviceAccountToken))
                .acquireToken(ClientCredentialParameters.builder(GRAPH_DEFAULT).build()).get();

        assertThat(sim.tokenVerifier().verify(result.accessToken()).roles()).contains("Mail.ReadWrite");
    }

    @Test
    void unregisteredCertificateIsRefusedAsInvalidClient() throws Exception {
        TestCertificates.Credential stranger = TestCertificates.selfSigned("stranger");

        assertThatThrownBy(() -> msal(ClientCredentialFactory
                .createFromCertificate(stranger.keyPair().getPrivate(), stranger.certificate()))
                .acquireToken(ClientCredentialParameters.builder(GRAPH_DEFAULT).build()).get())
                .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(MsalServiceException.class,
                        e -> {
                            assertThat(e.errorCode()).isEqualTo("invalid_client");
                            assertThat(e.statusCode()).isEqualTo(401);
                            assertThat(e.getMessage()).startsWith("AADSTS700027");
                        });
    }

    @Test
    void authorizationCodeWithPkceThenSilentRefreshAfterExpiry() throws Exception {
        // Shorter than MSAL's five-minute refresh window: every silent call must refresh.
        sim.entraSettings().accessTokenLifetime(Duration.ofMinutes(4));
        ConfidentialClientApplication msal = msal(ClientCredentialFactory.createFromSecret(SECRET));
        String verifier = EntraTestClient.VERIFIER;
        URL authorizeUrl = msal.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters
                .builder(REDIRECT_URI, MAIL).state("xyz").prompt(Prompt.SELECT_ACCOUNT).responseMode(ResponseMode.QUERY)
                .codeChallenge(EntraTestClient.challenge(verifier)).codeChallengeMethod("S256").build());

        Map<String, String> form = HttpExchanges.parseForm(authorizeUrl.toURI().getRawQuery());
        form.putAll(EntraTestClient.form("login", ALICE, "password", PASSWORD, "consent", "accept"));
        var response = new EntraTestClient(sim).post(authorizeUrl.toString(), form);
        assertThat(response.statusCode()).isEqualTo(302);
        URI redirect = URI.create(response.headers().firstValue("Location").orElseThrow());
        Map<String, String> answer = HttpExchanges.parseForm(redirect.getRawQuery());
        assertThat(redirect.toString()).startsWith(REDIRECT_URI + "?");
        assertThat(answer).containsEntry("state", "xyz");

        IAuthenticationResult first = msal.acquireToken(AuthorizationCodeParameters
                .builder(answer.get("code"), new URI(REDIRECT_URI)).scopes(MAIL).codeVerifier(verifier).build())
                .get();
        assertThat(first.account().username()).isEqualTo(ALICE);
        assertThat(sim.tokenVerifier().verify(first.accessToken()).scopes()).contains("Mail.ReadWrite");

        IAccount account = msal.getAccounts().get().iterator().next();
        IAuthenticationResult refreshed = msal.acquireTokenSilently(silent(MAIL, account))
                .get();
        IAuthenticationResult again = msal.acquireTokenSilently(silent(MAIL, account))
                .get();

        assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(again.accessToken()).isNotEqualTo(refreshed.accessToken());
        assertThat(sim.requestLog().count(r -> r.endpoint().equals("token") && r.detail().equals("refresh_token")
                && r.status() == 200)).as(sim.requestLog().records().toString()).isEqualTo(2);
        // MSAL stored each rotated refresh token: with no grace at all, a third refresh still works.
        sim.entraSettings().refreshTokenGracePeriod(Duration.ZERO);
        IAuthenticationResult third = msal.acquireTokenSilently(silent(MAIL, account))
                .get();
        assertThat(sim.tokenVerifier().verify(third.accessToken()).upn()).contains(ALICE);
    }

    @Test
    void silentAcquisitionMintsAnOutlookTokenFromTheSameRefreshToken() throws Exception {
        ConfidentialClientApplication msal = msal(ClientCredentialFactory.createFromSecret(SECRET));
        String code = new EntraTestClient(sim).signIn(String.join(" ", MAIL) + " offline_access", ALICE, PASSWORD,
                "accept").get("code");
        msal.acquireToken(AuthorizationCodeParameters.builder(code, new URI(REDIRECT_URI)).scopes(MAIL)
                .codeVerifier(EntraTestClient.VERIFIER).build()).get();
        IAccount account = msal.getAccounts().get().iterator().next();

        IAuthenticationResult outlook = msal.acquireTokenSilently(
                silent(Set.of("https://outlook.office.com/SMTP.Send"), account)).get();

        var token = sim.tokenVerifier().verify(outlook.accessToken());
        assertThat(token.audience()).isEqualTo(Resources.OUTLOOK);
        assertThat(token.scopes()).containsExactly("SMTP.Send");
    }

    @Test
    void msalAuthorizationUrlWithSelectAccountShowsThePickerAndASecondPromptIsRefused() throws Exception {
        ConfidentialClientApplication msal = msal(ClientCredentialFactory.createFromSecret(SECRET));
        URL url = msal.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters.builder(REDIRECT_URI, MAIL)
                .state("xyz").prompt(Prompt.SELECT_ACCOUNT).responseMode(ResponseMode.QUERY).build());
        EntraTestClient entra = new EntraTestClient(sim);

        var picker = entra.get(url.toString());
        // what a client that appends its own prompt to a URL already carrying one sends
        var twice = entra.get(url + "&prompt=consent");

        assertThat(picker.statusCode()).isEqualTo(200);
        assertThat(picker.body()).contains("<h1>Pick an account</h1>");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body().replace("&#39;", "'")).contains(
                "AADSTS9000411: The request is not properly formatted. The parameter 'prompt' is duplicated.");
    }

    /**
     * MSAL4J keys its cache by host without port and, on refresh, swaps the authority's host for that cache key, losing
     * the port; naming the authority in the silent request keeps it (real Entra has no port to lose).
     */
    private SilentParameters silent(Set<String> scopes, IAccount account) throws Exception {
        return SilentParameters.builder(scopes, account).authorityUrl(sim.authority(TENANT)).build();
    }

    private ConfidentialClientApplication msal(IClientCredential credential) throws Exception {
        return ConfidentialClientApplication.builder(CLIENT_ID, credential).authority(sim.authority(TENANT))
                .instanceDiscovery(false).validateAuthority(false)
                .sslSocketFactory(sim.clientSslContext().getSocketFactory()).build();
    }
}
