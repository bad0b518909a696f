package io.exchangebridge.simulator.entra;

import static io.exchangebridge.simulator.entra.EntraTestClient.ALICE;
import static io.exchangebridge.simulator.entra.EntraTestClient.PASSWORD;
import static io.exchangebridge.simulator.entra.EntraTestClient.REDIRECT_URI;
import static io.exchangebridge.simulator.entra.EntraTestClient.TENANT;
import static io.exchangebridge.simulator.entra.EntraTestClient.hiddenFields;
import static io.exchangebridge.simulator.entra.EntraTestClient.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.http.HttpExchanges;

/** The sign-in pages as a browser sees them, and the redirects back to the client. */
class AuthorizeEndpointTest {

    private static final String CALENDAR = "https://graph.microsoft.com/Calendars.Read offline_access";

    private ExchangeSimulator sim;
    private AppRegistration app;
    private EntraTestClient entra;

    @BeforeEach
    void start() {
        sim = ExchangeSimulator.builder().start();
        app = EntraSeed.seed(sim);
        entra = new EntraTestClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void browserPicksAnAccountSignsInConsentsAndIsRedirectedWithCodeAndState() {
        Map<String, String> params = entra.authorizeParams(CALENDAR);
        params.put("prompt", "select_account");
        HttpResponse<String> picker = entra.get(authorizeUrl() + "?" + query(params));
        assertThat(picker.statusCode()).isEqualTo(200);
        assertThat(picker.body()).contains("<h1>Pick an account</h1>", "value=\"" + ALICE + "\"",
                "Use another account").doesNotContain("info@contoso.onmicrosoft.com");

        Map<String, String> pick = hiddenFields(picker.body());
        pick.put("login", ALICE);
        HttpResponse<String> signIn = entra.post(authorizeUrl(), pick);
        assertThat(signIn.body()).contains("<label for=\"password\">Password</label>", "value=\"" + ALICE + "\"");

        Map<String, String> credentials = hiddenFields(signIn.body());
        credentials.put("login", ALICE);
        credentials.put("password", PASSWORD);
        HttpResponse<String> consent = entra.post(authorizeUrl(), credentials);
        assertThat(consent.body()).contains("<h1>Permissions requested</h1>", "Calendars.Read", "Accept", "Cancel");

        Map<String, String> accept = hiddenFields(consent.body());
        accept.put("consent", "accept");
        HttpResponse<String> redirect = entra.post(authorizeUrl(), accept);
        assertThat(redirect.statusCode()).isEqualTo(302);
        Map<String, String> answer = redirectQuery(redirect);
        assertThat(answer).containsKey("code").containsEntry("state", "state-123");
        assertThat(entra.redeem(answer.get("code"), CALENDAR, EntraTestClient.VERIFIER).status()).isEqualTo(200);
        assertThat(sim.requestLog().records()).filteredOn(r -> r.endpoint().equals("authorize"))
                .extracting(r -> r.detail()).containsExactly("page.picker", "page.signin", "page.consent",
                        "redirect.code");
    }

    @Test
    void facadeSignsInAtAnAuthorizeUrlBuiltByTheCodeUnderTest() {
        String url = sim.authorizeEndpoint(TENANT) + "?" + query(entra.authorizeParams(CALENDAR));

        URI declined = sim.signIn(url, ALICE, PASSWORD, false);
        assertThat(HttpExchanges.parseForm(declined.getRawQuery())).containsEntry("error", "access_denied");
        URI accepted = sim.signIn(url, ALICE, PASSWORD, true);
        assertThat(HttpExchanges.parseForm(accepted.getRawQuery())).containsKey("code").containsEntry("state",
                "state-123");
        assertThat(catchThrowable(() -> sim.signIn(url, ALICE, "wrong", true))).hasMessageContaining("AADSTS50126");
    }

    @Test
    void decliningConsentRedirectsWithAccessDenied() {
        Map<String, String> answer = entra.signIn(CALENDAR, ALICE, PASSWORD, "decline");
        assertThat(answer).containsEntry("error", "access_denied").containsEntry("state", "state-123")
                .doesNotContainKey("code");
        assertThat(answer.get("error_description")).startsWith("AADSTS65004");
    }

    @Test
    void consentAlreadyGivenSkipsTheConsentPage() {
        Map<String, String> params = entra.authorizeParams("Mail.ReadWrite offline_access");
        params.put("step", "signin");
        params.put("login", ALICE);
        params.put("password", PASSWORD);
        HttpResponse<String> response = entra.post(authorizeUrl(), params);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(redirectQuery(response)).containsKey("code");
    }

    @Test
    void promptConsentShowsTheConsentPageEvenWhenConsented() {
        Map<String, String> params = entra.authorizeParams("Mail.ReadWrite offline_access");
        params.putAll(EntraTestClient.form("prompt", "consent", "step", "signin", "login", ALICE, "password",
                PASSWORD));
        HttpResponse<String> response = entra.post(authorizeUrl(), params);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<h1>Permissions requested</h1>", "Mail.ReadWrite");
    }

    @Test
    void formPostResponseModeAnswersAFormForTheRedirectUri() {
        Map<String, String> params = entra.authorizeParams("Mail.ReadWrite offline_access");
        params.putAll(EntraTestClient.form("response_mode", "form_post", "login", ALICE, "password", PASSWORD));
        HttpResponse<String> response = entra.post(authorizeUrl(), params);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<form method=\"post\" action=\"" + REDIRECT_URI + "\">");
        assertThat(hiddenFields(response.body())).containsKey("code").containsEntry("state", "state-123");
    }

    @Test
    void wrongPasswordShowsTheSignInPageAgainWithAnAlert() {
        Map<String, String> params = entra.authorizeParams(CALENDAR);
        params.putAll(EntraTestClient.form("login", ALICE, "password", "wrong"));
        HttpResponse<String> response = entra.post(authorizeUrl(), params);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("role=\"alert\"", "AADSTS50126", "aria-describedby=\"error\"");
    }

    @Test
    void sharedMailboxesCannotSignIn() {
        Map<String, String> params = entra.authorizeParams(CALENDAR);
        params.putAll(EntraTestClient.form("login", "info@contoso.onmicrosoft.com", "password", PASSWORD));
        assertThat(entra.post(authorizeUrl(), params).body()).contains("AADSTS50057");
    }

    @Test
    void unknownClientOrForeignRedirectUriIsAnErrorPageNotARedirect() {
        Map<String, String> params = entra.authorizeParams(CALENDAR);
        params.put("client_id", "unknown");
        HttpResponse<String> unknown = entra.get(authorizeUrl() + "?" + query(params));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("AADSTS700016");

        params = entra.authorizeParams(CALENDAR);
        params.put("redirect_uri", "https://evil.example/callback");
        HttpResponse<String> foreign = entra.get(authorizeUrl() + "?" + query(params));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body()).contains("AADSTS50011");
        assertThat(foreign.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void missingRedirectUriFallsBackToTheOnlyRegisteredOne() {
        Map<String, String> params = entra.authorizeParams("Mail.ReadWrite offline_access");
        params.remove("redirect_uri");
        params.putAll(EntraTestClient.form("login", ALICE, "password", PASSWORD));
        HttpResponse<String> response = entra.post(authorizeUrl(), params);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(redirectQuery(response)).containsKey("code");
    }

    @Test
    void withheldConsentAndConditionalAccessRedirectWithErrors() {
        app.consentWithheld(true);
        assertThat(entra.signIn(CALENDAR, ALICE, PASSWORD, "accept")).containsEntry("error", "consent_required")
                .hasEntrySatisfying("error_description", d -> assertThat(d).startsWith("AADSTS65001"));
        app.consentWithheld(false);

        sim.tenant(TENANT).conditionalAccessBlock(true);
        assertThat(entra.signIn(CALENDAR, ALICE, PASSWORD, "accept")).containsEntry("error", "access_denied")
                .hasEntrySatisfying("error_description", d -> assertThat(d).startsWith("AADSTS53003"));
    }

    @Test
    void commonAuthorityFindsTheUsersTenant() {
        Map<String, String> params = entra.authorizeParams(CALENDAR);
        params.putAll(EntraTestClient.form("login", ALICE, "password", PASSWORD, "consent", "accept"));
        HttpResponse<String> response = entra.post(sim.httpBaseUrl() + "/common/oauth2/v2.0/authorize", params);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(redirectQuery(response)).containsKey("code");
    }

    @Test
    void ultimoAuthorizationUrlWithItsOwnQueryThenTheServicesParametersShowsThePicker() {
        // the guide's Authorization URL ".../authorize?prompt=select_account", the service's parameters appended
        String url = authorizeUrl() + "?prompt=select_account&" + query(entra.authorizeParams(CALENDAR));

        HttpResponse<String> picker = entra.get(url);

        assertThat(picker.statusCode()).isEqualTo(200);
        assertThat(picker.body()).contains("<h1>Pick an account</h1>", "value=\"" + ALICE + "\"");
        assertThat(hiddenFields(picker.body())).containsEntry("prompt", "select_account").containsEntry("state",
                "state-123");
    }

    @Test
    void aParameterSentTwiceIsRefusedOnEntrasErrorPageNeverRedirected() {
        List<String> names = List.of("prompt", "client_id", "redirect_uri", "state", "scope", "code_challenge",
                "login_hint");
        for (String name : names) {
            Map<String, String> params = entra.authorizeParams(CALENDAR);
            params.put("prompt", "select_account");
            params.put("login_hint", ALICE);
            String url = authorizeUrl() + "?" + query(params) + "&" + name + "=" + EntraTestClient.enc(params.get(
                    name));

            HttpResponse<String> page = entra.get(url);

            assertThat(page.statusCode()).as(name).isEqualTo(400);
            assertThat(page.headers().firstValue("Location")).as(name).isEmpty();
            assertThat(page.body().replace("&#39;", "'")).as(name).contains(
                    "AADSTS9000411: The request is not properly formatted. The parameter '" + name
                            + "' is duplicated.");
        }
        assertThat(sim.requestLog().records()).filteredOn(r -> r.endpoint().equals("authorize"))
                .extracting(r -> r.detail()).hasSize(names.size()).containsOnly("error");
    }

    @Test
    void scriptedSignInWithAParameterInBothQueryAndFormIsRefused() {
        Map<String, String> params = entra.authorizeParams(CALENDAR);
        Map<String, String> form = EntraTestClient.form("state", "other", "login", ALICE, "password", PASSWORD);

        HttpResponse<String> page = entra.post(authorizeUrl() + "?" + query(params), form);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.body().replace("&#39;", "'")).contains("The parameter 'state' is duplicated.");

        form.remove("state");
        assertThat(entra.post(authorizeUrl() + "?" + query(params), form).statusCode()).isEqualTo(302);
    }

    private String authorizeUrl() {
        return sim.httpBaseUrl() + "/" + TENANT + "/oauth2/v2.0/authorize";
    }

    private static Map<String, String> redirectQuery(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT_URI + "?");
        return HttpExchanges.parseForm(URI.create(location).getRawQuery());
    }
}
