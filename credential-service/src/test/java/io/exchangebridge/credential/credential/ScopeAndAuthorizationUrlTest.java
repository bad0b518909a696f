package io.exchangebridge.credential.credential;

import static io.exchangebridge.credential.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.Api;
import io.exchangebridge.credential.testing.SignIn;
import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Ultimo guide's fields over the REST API: one Scope string, an authorization URL with a query, the tenant taken
 * from the two URLs; every refusal names its field and says what to write instead.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
class ScopeAndAuthorizationUrlTest {

    static final String CLIENT = "11111111-2222-3333-4444-555555555555";

    static String authorize(String tenant) {
        return SimulatorTestResource.current().authorizeEndpoint(tenant);
    }

    static String tokenUrl(String tenant) {
        return SimulatorTestResource.current().authority(tenant) + "oauth2/v2.0/token";
    }

    /** The guide's fields: no tenant id, both URLs, one Scope string. */
    static Map<String, Object> guide(String id, String grant, String scope) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("description", "From the Ultimo guide");
        body.put("grantType", grant);
        body.put("authorizationUrl", authorize(Api.TENANT) + "?prompt=select_account");
        body.put("tokenUrl", tokenUrl(Api.TENANT));
        body.put("clientId", CLIENT);
        body.put("clientSecret", "guide-secret");
        body.put("scope", scope);
        return body;
    }

    static void refused(Map<String, Object> body, String detail) {
        admin().body(body).post("/api/credentials").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", startsWith(detail));
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return copy;
    }

    @Test
    void theGuidesFieldsMakeACredential() {
        admin().body(guide("rules-import", "authorization_code", "Mail.ReadWrite offline_access"))
                .post("/api/credentials").then().statusCode(201)
                .body("tenantId", equalTo(Api.TENANT))
                .body("scopes.graph", equalTo(List.of("Mail.ReadWrite")))
                .body("scope", equalTo("Mail.ReadWrite offline_access"))
                .body("authorizationUrl", equalTo(authorize(Api.TENANT) + "?prompt=select_account"))
                .body("status.state", equalTo("CONSENT_REQUIRED"));
        admin().body(guide("rules-smtp", "authorization_code", "https://outlook.office.com/SMTP.Send offline_access"))
                .post("/api/credentials").then().statusCode(201)
                .body("scopes.outlook", equalTo(List.of("SMTP.Send")))
                .body("scope", equalTo("https://outlook.office.com/SMTP.Send offline_access"));
        admin().body(guide("rules-app", "client_credentials", "https://graph.microsoft.com/.default"))
                .post("/api/credentials").then().statusCode(201)
                .body("scopes.graph", equalTo(List.of()))
                .body("scope", equalTo("https://graph.microsoft.com/.default"));
        admin().body(guide("rules-app-smtp", "client_credentials", "https://outlook.office365.com/.default"))
                .post("/api/credentials").then().statusCode(201)
                .body("scopes.outlook", equalTo(List.of()))
                .body("scope", equalTo("https://outlook.office365.com/.default"));
        // Structured scopes for two resources: no single string says that.
        admin().body(Api.delegatedCredential("two-resources", CLIENT, "s")).post("/api/credentials").then()
                .statusCode(201).body("scope", nullValue());
        // PUT with the Scope string changes the scopes.
        admin().body(guide("rules-import", "authorization_code", "Mail.ReadWrite.Shared offline_access"))
                .put("/api/credentials/rules-import").then().statusCode(200)
                .body("scopes.graph", equalTo(List.of("Mail.ReadWrite.Shared")));
    }

    @Test
    void impossibleScopeStringsAreExplainedInTheFieldsError() {
        refused(guide("s-mixed", "authorization_code", "Mail.ReadWrite https://outlook.office.com/SMTP.Send"),
                "Field 'scope' mixes 2 resources (Microsoft Graph; Outlook), but Entra ID issues a token for one "
                        + "resource per request (AADSTS70011, AADSTS28000)");
        refused(guide("s-cc-named", "client_credentials", "Mail.Send"),
                "Field 'scope' names the scope Mail.Send, but client credentials gets the application permissions");
        refused(guide("s-cc-offline", "client_credentials", "https://graph.microsoft.com/.default offline_access"),
                "Field 'scope' asks for 'offline_access'");
        refused(guide("s-default-named", "authorization_code", "https://graph.microsoft.com/.default Mail.Read"),
                "Field 'scope' combines https://graph.microsoft.com/.default with named scopes");
        refused(guide("s-unknown", "authorization_code", "api://my-api/read offline_access"),
                "Field 'scope' contains 'api://my-api/read', which is not a Microsoft Graph or Outlook scope");
        refused(guide("s-none", "authorization_code", null), "Field 'scope' is required: one Scope string");
    }

    @Test
    void scopeAndScopesTogetherOnlyWhenTheyMeanTheSame() {
        admin().body(with(guide("both-same", "authorization_code", "Mail.ReadWrite offline_access"), "scopes",
                Map.of("graph", List.of("https://graph.microsoft.com/Mail.ReadWrite")))).post("/api/credentials")
                .then().statusCode(201)
                .body("scopes.graph", equalTo(List.of("https://graph.microsoft.com/Mail.ReadWrite")));
        admin().body(with(guide("both-same-app", "client_credentials", "https://graph.microsoft.com/.default"),
                "scopes", Map.of("graph", List.of()))).post("/api/credentials").then().statusCode(201);
        refused(with(guide("both-differ", "authorization_code", "Mail.ReadWrite offline_access"), "scopes",
                Map.of("outlook", List.of("SMTP.Send"))), "Field 'scope' and scopes say different things");
        // The structured map alone, as before.
        admin().body(with(guide("only-scopes", "authorization_code", null), "scopes",
                Map.of("outlook", List.of("SMTP.Send")))).post("/api/credentials").then().statusCode(201)
                .body("scope", equalTo("https://outlook.office.com/SMTP.Send offline_access"));
    }

    @Test
    void tenantFromTheTwoUrls() {
        refused(with(guide("t-differ", "authorization_code", "Mail.Read"), "tokenUrl", tokenUrl("fabrikam.com")),
                "Field 'tokenUrl' names the tenant 'fabrikam.com' but the authorization URL names '" + Api.TENANT
                        + "': both must name the same tenant");
        refused(with(guide("t-one-url", "authorization_code", "Mail.Read"), "tokenUrl", null),
                "Field 'tenantId' is required: a directory (tenant) id or domain (optional when both the "
                        + "authorization URL and the token URL are given");
        refused(with(guide("t-no-path", "authorization_code", "Mail.Read"), "tokenUrl",
                SimulatorTestResource.current().httpsBaseUrl() + "/token"),
                "Field 'tokenUrl' does not name the tenant");
        refused(with(guide("t-placeholder", "authorization_code", "Mail.Read"), "authorizationUrl",
                authorize("{tenant-id}") + "?prompt=select_account"),
                "Field 'authorizationUrl' still contains a placeholder such as {tenant-id}");
        // Client credentials never use the authorization URL: the token URL names the tenant alone.
        admin().body(with(guide("t-app-token-url", "client_credentials", "https://graph.microsoft.com/.default"),
                "authorizationUrl", null)).post("/api/credentials").then().statusCode(201)
                .body("tenantId", equalTo(Api.TENANT));
        refused(with(with(guide("t-app-none", "client_credentials", "https://graph.microsoft.com/.default"),
                "authorizationUrl", null), "tokenUrl", null), "Field 'tenantId' is required");
        // A tenant id given explicitly is kept as given.
        admin().body(with(guide("t-given", "authorization_code", "Mail.Read"), "tenantId", "contoso.com"))
                .post("/api/credentials").then().statusCode(201).body("tenantId", equalTo("contoso.com"));
    }

    @Test
    void unsafeAuthorizationUrlsAreRefused() {
        String url = authorize(Api.TENANT);
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(url + "?redirect_uri=https%3A%2F%2Fevil.example%2Fcb",
                "Field 'authorizationUrl' sends the browser back to https://evil.example/cb");
        cases.put(url + "?response_type=token", "Field 'authorizationUrl' asks for response_type 'token'");
        cases.put(url + "?prompt=select_account#frag", "Field 'authorizationUrl' must not have a fragment");
        cases.put(url.replace("https://", "https://user:pw@"), "Field 'authorizationUrl' must not contain user info");
        cases.put("https://evil.example/" + Api.TENANT + "/oauth2/v2.0/authorize",
                "Field 'authorizationUrl' host 'evil.example' is not an allowed authority host");
        cases.put(url.replace("https://", "http://"), "Field 'authorizationUrl' must be an https URL");
        cases.put(url + "?client_secret=abc", "Field 'authorizationUrl' must not carry 'client_secret'");
        cases.put(url + "?prompt=login&prompt=consent",
                "Field 'authorizationUrl' names the parameter 'prompt' more than once");
        cases.put(url + "?client_id=99999999-0000-0000-0000-000000000000",
                "Field 'authorizationUrl' names client_id '99999999-0000-0000-0000-000000000000', but the "
                        + "application (client) id is '" + CLIENT + "'");
        cases.put(url + "?prompt=always", "Field 'authorizationUrl' asks for prompt 'always'");
        cases.forEach((authorizationUrl, detail) -> refused(
                with(guide("u-bad", "authorization_code", "Mail.Read"), "authorizationUrl", authorizationUrl),
                detail));
        admin().get("/api/credentials/u-bad").then().statusCode(404);
    }

    @Test
    void theAuthorizeRequestMergesTheUrlsQueryWithoutSendingAnyParameterTwice() {
        String redirect = "https://bridge.example.com/OAuth2Callback";
        Map<String, Object> body = guide("merge-1", "authorization_code", "Mail.ReadWrite offline_access");
        body.put("redirectUri", redirect);
        body.put("authorizationUrl", authorize(Api.TENANT) + "?prompt=login&login_hint=megan%40contoso.com"
                + "&domain_hint=contoso.com&client_id=" + CLIENT + "&redirect_uri=" + redirect.replace(":", "%3A")
                + "&state=planted&code_challenge=planted&code_challenge_method=plain&scope=User.Read"
                + "&response_mode=fragment&response_type=code&ui_locales=de-DE");
        admin().body(body).post("/api/credentials").then().statusCode(201);

        URI location = URI.create(admin().redirects().follow(false).get("/api/credentials/merge-1/consent").then()
                .statusCode(302).extract().header("Location"));
        List<String> names = new ArrayList<>();
        for (String pair : location.getRawQuery().split("&")) {
            names.add(pair.substring(0, pair.indexOf('=')));
        }
        assertThat(names).doesNotHaveDuplicates().containsExactlyInAnyOrder("client_id", "response_type",
                "redirect_uri", "response_mode", "scope", "state", "code_challenge", "code_challenge_method", "prompt",
                "login_hint", "domain_hint", "ui_locales");
        Map<String, String> q = SignIn.query(location);
        assertThat(location.toString()).startsWith(authorize(Api.TENANT) + "?");
        // The URL's prompt and hints win; the flow's own parameters are the service's.
        assertThat(q).containsEntry("prompt", "login").containsEntry("login_hint", "megan@contoso.com")
                .containsEntry("domain_hint", "contoso.com").containsEntry("ui_locales", "de-DE")
                .containsEntry("client_id", CLIENT).containsEntry("redirect_uri", redirect)
                .containsEntry("response_type", "code").containsEntry("response_mode", "query")
                .containsEntry("code_challenge_method", "S256");
        assertThat(q.get("state")).isNotEqualTo("planted").hasSizeGreaterThanOrEqualTo(43);
        assertThat(q.get("code_challenge")).isNotEqualTo("planted").hasSize(43);
        assertThat(q.get("scope").split(" ")).contains("https://graph.microsoft.com/Mail.ReadWrite", "offline_access")
                .doesNotContain("User.Read");

        // Without a query: the default prompt=select_account, once.
        admin().body(with(with(guide("merge-2", "authorization_code", "Mail.Read"), "authorizationUrl", null),
                "tenantId", Api.TENANT)).post("/api/credentials").then().statusCode(201);
        String plain = admin().redirects().follow(false).get("/api/credentials/merge-2/consent").then().statusCode(302)
                .extract().header("Location");
        assertThat(plain.split("prompt=", -1)).hasSize(2);
        assertThat(SignIn.query(URI.create(plain))).containsEntry("prompt", "select_account");
    }
}
