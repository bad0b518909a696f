package io.exchangebridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.AuthorizationRequestUrlParameters;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.Prompt;
import com.microsoft.aad.msal4j.ResponseMode;

import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.entra.AccessToken;
import io.exchangebridge.simulator.http.HttpExchanges;

/**
 * What the vendor guides' browser tests rely on in the demo tenant, through MSAL4J (unmodified) and real HTTPS: the
 * delegated Scope strings of the Ultimo guides, the shared mailbox with its folders, and the application permissions of
 * the Exact guide.
 */
class DemoTenantTest {

    private final ExchangeSimulator sim = ExchangeSimulator.builder().seed(DemoTenant::seed).start();
    private final HttpClient https = HttpClient.newBuilder().sslContext(sim.clientSslContext()).build();

    @AfterEach
    void stop() {
        sim.close();
    }

    private ConfidentialClientApplication msal() throws Exception {
        return ConfidentialClientApplication
                .builder(DemoTenant.CLIENT_ID, ClientCredentialFactory.createFromSecret(DemoTenant.CLIENT_SECRET))
                .authority(sim.authority(DemoTenant.DOMAIN)).instanceDiscovery(false).validateAuthority(false)
                .sslSocketFactory(sim.clientSslContext().getSocketFactory()).build();
    }

    /** Signs {@code login} in with the guide's one Scope string, consents, and redeems the code with MSAL4J. */
    private IAuthenticationResult signIn(String scope, String login) throws Exception {
        ConfidentialClientApplication msal = msal();
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(scope.split(" ")));
        URL url = msal.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters
                .builder(DemoTenant.REDIRECT_URI, scopes).prompt(Prompt.SELECT_ACCOUNT)
                .responseMode(ResponseMode.QUERY).state("guide").build());
        URI callback = sim.signIn(url.toString(), login, DemoTenant.PASSWORD, true);
        Map<String, String> answer = HttpExchanges.parseForm(callback.getRawQuery());
        assertThat(answer).containsKey("code").containsEntry("state", "guide");
        return msal.acquireToken(AuthorizationCodeParameters
                .builder(answer.get("code"), new URI(DemoTenant.REDIRECT_URI)).scopes(scopes).build()).get();
    }

    private HttpResponse<String> graph(String path, String token) throws Exception {
        return https.send(HttpRequest.newBuilder(URI.create(sim.graphBaseUrl() + path))
                .header("Authorization", "Bearer " + token).build(), BodyHandlers.ofString());
    }

    @Test
    void ultimoDelegatedGraphScopeReachesTheSupportMailboxAndItsFolders() throws Exception {
        DemoTenant.seedMail(sim.mail());

        IAuthenticationResult alice = signIn(DemoTenant.GRAPH_SHARED_SCOPE, DemoTenant.ALICE);

        AccessToken token = sim.tokenVerifier().verify(alice.accessToken());
        assertThat(token.scopes()).contains("Mail.ReadWrite", "Mail.ReadWrite.Shared", "Mail.Send",
                "Mail.Send.Shared");
        HttpResponse<String> inbox = graph("/users/" + DemoTenant.SUPPORT + "/mailFolders/inbox/childFolders",
                alice.accessToken());
        assertThat(inbox.statusCode()).isEqualTo(200);
        JsonNode tickets = new ObjectMapper().readTree(inbox.body()).get("value").get(0);
        assertThat(tickets.get("displayName").asText()).isEqualTo("Tickets");
        assertThat(tickets.get("childFolderCount").asInt()).isEqualTo(1);
        assertThat(graph("/users/" + DemoTenant.SUPPORT + "/mailFolders/inbox/messages", alice.accessToken())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void bobHasNoAccessToTheSupportMailboxEvenWithTheSharedScopes() throws Exception {
        IAuthenticationResult bob = signIn(DemoTenant.GRAPH_SHARED_SCOPE, DemoTenant.BOB);

        HttpResponse<String> denied = graph("/users/" + DemoTenant.SUPPORT + "/mailFolders", bob.accessToken());

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(new ObjectMapper().readTree(denied.body()).at("/error/code").asText())
                .isEqualTo("ErrorAccessDenied");
    }

    @Test
    void ultimoSmtpScopeGivesAnOutlookTokenWithARefreshToken() throws Exception {
        IAuthenticationResult alice = signIn(DemoTenant.SMTP_SCOPE, DemoTenant.ALICE);

        AccessToken token = sim.tokenVerifier().verify(alice.accessToken());
        assertThat(token.audience()).isEqualTo(Resources.OUTLOOK);
        assertThat(token.scopes()).containsExactly("SMTP.Send");
        assertThat(sim.requestLog().count(r -> r.endpoint().equals("token") && r.status() == 200)).isEqualTo(1);
    }

    @Test
    void consoleAppSignsAliceInAsBridgeAdminWithTheAdminsGroupAndBobWithoutRoles() throws Exception {
        ConfidentialClientApplication console = ConfidentialClientApplication
                .builder(DemoTenant.CONSOLE_CLIENT_ID,
                        ClientCredentialFactory.createFromSecret(DemoTenant.CONSOLE_CLIENT_SECRET))
                .authority(sim.authority(DemoTenant.DOMAIN)).instanceDiscovery(false).validateAuthority(false)
                .sslSocketFactory(sim.clientSslContext().getSocketFactory()).build();
        Set<String> scopes = Set.of(DemoTenant.CONSOLE_CLIENT_ID + "/.default");
        Map<String, IAuthenticationResult> results = new java.util.HashMap<>();
        for (String login : new String[]{DemoTenant.ALICE, DemoTenant.BOB}) {
            URL url = console.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters
                    .builder(DemoTenant.CONSOLE_REDIRECT_URI, scopes).responseMode(ResponseMode.QUERY)
                    .state("console").build());
            Map<String, String> answer = HttpExchanges
                    .parseForm(sim.signIn(url.toString(), login, DemoTenant.PASSWORD, true).getRawQuery());
            results.put(login, console.acquireToken(AuthorizationCodeParameters
                    .builder(answer.get("code"), new URI(DemoTenant.CONSOLE_REDIRECT_URI)).scopes(scopes).build())
                    .get());
        }

        JsonNode alice = payload(results.get(DemoTenant.ALICE).idToken());
        assertThat(alice.get("roles").toString()).isEqualTo("[\"" + DemoTenant.ADMIN_ROLE + "\"]");
        assertThat(alice.get("groups").toString()).isEqualTo("[\"" + DemoTenant.ADMINS_GROUP + "\"]");
        assertThat(sim.tokenVerifier().verify(results.get(DemoTenant.ALICE).accessToken()).roles())
                .containsExactly(DemoTenant.ADMIN_ROLE);
        JsonNode bob = payload(results.get(DemoTenant.BOB).idToken());
        assertThat(bob.has("roles")).isFalse();
        assertThat(bob.has("groups")).isFalse();
        assertThat(sim.directory().findTenant(DemoTenant.DOMAIN).orElseThrow().findApp(DemoTenant.CONSOLE_CLIENT_ID)
                .orElseThrow().redirectUris()).contains(DemoTenant.CONSOLE_POST_LOGOUT_URI);
    }

    private static JsonNode payload(String jwt) throws Exception {
        return new ObjectMapper().readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void importAndSmtpServiceGetBridgeTokenForTheExchangeBridgeApi() throws Exception {
        for (String[] client : new String[][]{{DemoTenant.IMPORT_CLIENT_ID, DemoTenant.IMPORT_CLIENT_SECRET},
                {DemoTenant.SMTP_CLIENT_ID, DemoTenant.SMTP_CLIENT_SECRET}}) {
            IAuthenticationResult result = ConfidentialClientApplication
                    .builder(client[0], ClientCredentialFactory.createFromSecret(client[1]))
                    .authority(sim.authority(DemoTenant.DOMAIN)).instanceDiscovery(false).validateAuthority(false)
                    .sslSocketFactory(sim.clientSslContext().getSocketFactory()).build()
                    .acquireToken(ClientCredentialParameters.builder(Set.of(DemoTenant.API_SCOPE)).build()).get();
            AccessToken token = sim.tokenVerifier().verify(result.accessToken());
            assertThat(token.audience()).isEqualTo(DemoTenant.API_CLIENT_ID);
            assertThat(token.appId()).isEqualTo(client[0]);
            assertThat(token.roles()).containsExactly("Bridge.Token");
        }
    }

    @Test
    void exactApplicationPermissionsAreGranted() throws Exception {
        IAuthenticationResult app = msal().acquireToken(ClientCredentialParameters
                .builder(Set.of("https://graph.microsoft.com/.default")).build()).get();

        assertThat(sim.tokenVerifier().verify(app.accessToken()).roles()).containsExactlyInAnyOrder("Mail.ReadWrite",
                "Mail.Send", "Calendars.ReadWrite");
        assertThat(graph("/users/" + DemoTenant.SUPPORT + "/mailFolders", app.accessToken()).statusCode())
                .isEqualTo(200);
    }
}
