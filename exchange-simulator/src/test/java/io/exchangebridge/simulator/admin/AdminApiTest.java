package io.exchangebridge.simulator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.directory.Tenant;
import io.exchangebridge.simulator.directory.User;
import io.exchangebridge.simulator.entra.EntraSeed;
import io.exchangebridge.simulator.entra.EntraTestClient;
import io.exchangebridge.simulator.entra.TestCertificates;
import io.exchangebridge.simulator.http.Json;

/** Seeding, faults, clock and request log over {@code /_sim}, as a shell script would use them. */
class AdminApiTest {

    private static final String TENANT = "fabrikam.onmicrosoft.com";
    private static final String CLIENT = "2f6e1d7c-0000-4000-8000-0000000000aa";

    private final HttpClient http = HttpClient.newHttpClient();
    private ExchangeSimulator sim;

    @BeforeEach
    void start() {
        sim = ExchangeSimulator.builder().start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void seedsTenantUsersSharedMailboxAndAppThenTheAppGetsTokens() throws Exception {
        assertThat(call("POST", "/_sim/tenants", "{\"domain\":\"" + TENANT + "\"}").statusCode()).isEqualTo(201);
        assertThat(call("POST", "/_sim/tenants/" + TENANT + "/users",
                "{\"upn\":\"carol@" + TENANT + "\",\"displayName\":\"Carol\",\"password\":\"pw\"}").statusCode())
                .isEqualTo(201);
        var shared = call("POST", "/_sim/tenants/" + TENANT + "/users", "{\"upn\":\"sales@" + TENANT
                + "\",\"shared\":true,\"grantAccess\":[\"carol@" + TENANT + "\"],\"grantSendAs\":[\"carol@" + TENANT
                + "\"],\"smtpAuthEnabled\":false}");
        assertThat(json(shared)).containsEntry("shared", true).containsEntry("smtpAuthEnabled", false)
                .containsEntry("delegates", List.of("carol@" + TENANT));
        var certificate = TestCertificates.selfSigned("admin-api").certificate();
        var app = call("POST", "/_sim/tenants/" + TENANT + "/apps", """
                {"clientId":"%s","displayName":"Bridge","secrets":[{"value":"pssst"}],
                 "certificates":["%s"],
                 "redirectUris":["http://localhost:8081/OAuth2Callback"],
                 "applicationRoles":{"https://graph.microsoft.com":["Mail.ReadWrite"]},
                 "consentedScopes":{"https://outlook.office.com":["SMTP.Send"]}}
                """.formatted(CLIENT, Base64.getEncoder().encodeToString(certificate.getEncoded())));
        assertThat(app.statusCode()).isEqualTo(201);
        assertThat(app.body()).doesNotContain("pssst").contains("certificateThumbprints", "SMTP.Send");

        String token = (String) json(http.send(HttpRequest.newBuilder(URI.create(sim.httpBaseUrl() + "/" + TENANT
                + "/oauth2/v2.0/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + CLIENT
                        + "&client_secret=pssst&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"))
                .build(), HttpResponse.BodyHandlers.ofString())).get("access_token");
        assertThat(sim.tokenVerifier().verify(token).roles()).containsExactly("Mail.ReadWrite");
        assertThat(sim.directory().maySendAs("carol@" + TENANT, "sales@" + TENANT)).isTrue();
        assertThat(sim.tenant(TENANT).findApp(CLIENT).orElseThrow().applicationRoles(Resources.GRAPH))
                .containsExactly("Mail.ReadWrite");
    }

    @Test
    void mailboxPermissionsArePatchedAndShownThenGraphFollowsThem() throws Exception {
        Tenant tenant = sim.tenant(TENANT);
        tenant.user("erin@" + TENANT);
        tenant.sharedMailbox("help@" + TENANT);
        String path = "/_sim/tenants/" + TENANT + "/users/help@" + TENANT;

        var granted = json(call("PATCH", path, "{\"grantAccess\":[\"erin@" + TENANT
                + "\"],\"grantSendOnBehalf\":[\"erin@" + TENANT + "\"]}"));

        assertThat(granted).containsEntry("delegates", List.of("erin@" + TENANT))
                .containsEntry("sendOnBehalf", List.of("erin@" + TENANT)).containsEntry("sendAs", List.of());
        User help = tenant.findUser("help@" + TENANT).orElseThrow();
        assertThat(help.hasAccess("erin@" + TENANT)).isTrue();
        assertThat(help.allowsSendFrom("erin@" + TENANT)).isTrue();
        assertThat(help.allowsSendAs("erin@" + TENANT)).isFalse();

        var revoked = json(call("PATCH", path, "{\"revokeAccess\":[\"erin@" + TENANT
                + "\"],\"revokeSendOnBehalf\":[\"erin@" + TENANT + "\"]}"));
        assertThat(revoked).containsEntry("delegates", List.of()).containsEntry("sendOnBehalf", List.of());
        assertThat(help.allowsSendFrom("erin@" + TENANT)).isFalse();
    }

    @Test
    void patchesAndDeletes() throws Exception {
        sim.tenant(TENANT).user("dave@" + TENANT);
        assertThat(json(call("PATCH", "/_sim/tenants/" + TENANT, "{\"smtpAuthEnabled\":false}")))
                .containsEntry("smtpAuthEnabled", false);
        assertThat(json(call("PATCH", "/_sim/tenants/" + TENANT + "/users/dave@" + TENANT,
                "{\"displayName\":\"Dave D\"}"))).containsEntry("displayName", "Dave D");
        assertThat(call("DELETE", "/_sim/tenants/" + TENANT + "/users/dave@" + TENANT, null).statusCode())
                .isEqualTo(204);
        assertThat(call("GET", "/_sim/tenants/" + TENANT + "/users/dave@" + TENANT, null).statusCode())
                .isEqualTo(404);
        assertThat(call("PATCH", "/_sim/tenants/" + TENANT, "{\"smtpAuth\":false}").statusCode()).as("typo")
                .isEqualTo(400);
        assertThat(call("PUT", "/_sim/tenants/" + TENANT, "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void entraFaultsSettingsClockAndRequestLog() throws Exception {
        EntraTestClient entra = new EntraTestClient(sim);
        EntraSeed.seed(sim);
        String refreshToken = entra.signInAndRedeem("Mail.ReadWrite offline_access").string("refresh_token");

        var active = json(call("GET", "/_sim/entra/refresh-tokens?upn=" + EntraTestClient.ALICE, null));
        assertThat(active.get("active")).isEqualTo(List.of(refreshToken));
        assertThat(json(call("POST", "/_sim/entra/faults/expire-refresh-token",
                "{\"refreshToken\":\"" + refreshToken + "\"}"))).containsEntry("affected", 1);
        assertThat(entra.refresh(refreshToken, "Mail.ReadWrite").errorCode()).isEqualTo(700082);

        call("POST", "/_sim/entra/faults/token-failures", "{\"count\":1,\"status\":504}");
        assertThat(entra.clientCredentials(EntraTestClient.SECRET, "https://graph.microsoft.com/.default").status())
                .isEqualTo(504);
        call("POST", "/_sim/entra/faults/conditional-access-block", "{\"tenant\":\"" + EntraTestClient.TENANT + "\"}");
        assertThat(entra.clientCredentials(EntraTestClient.SECRET, "https://graph.microsoft.com/.default")
                .errorCode()).isEqualTo(53003);
        call("POST", "/_sim/entra/faults/conditional-access-block",
                "{\"tenant\":\"" + EntraTestClient.TENANT + "\",\"enabled\":false}");
        call("POST", "/_sim/entra/faults/disable-app",
                "{\"tenant\":\"" + EntraTestClient.TENANT + "\",\"clientId\":\"" + EntraTestClient.CLIENT_ID + "\"}");
        assertThat(entra.clientCredentials(EntraTestClient.SECRET, "https://graph.microsoft.com/.default")
                .errorCode()).isEqualTo(700016);
        assertThat(call("POST", "/_sim/entra/faults/no-such-fault", "{}").statusCode()).isEqualTo(404);

        assertThat(json(call("PATCH", "/_sim/entra/settings", "{\"accessTokenLifetime\":\"PT5M\"}")))
                .containsEntry("accessTokenLifetime", "PT5M");
        assertThat(sim.entraSettings().accessTokenLifetime()).hasMinutes(5);
        var before = sim.clock().instant();
        call("POST", "/_sim/clock/advance", "{\"duration\":\"P1D\"}");
        assertThat(sim.clock().instant()).isAfter(before.plusSeconds(86_000));

        var log = json(call("GET", "/_sim/requests?protocol=entra&endpoint=token&status=504", null));
        assertThat(log).containsEntry("count", 1);
        assertThat(call("DELETE", "/_sim/requests", null).statusCode()).isEqualTo(204);
        assertThat(sim.requestLog().records()).isEmpty();
    }

    @Test
    void assignsAppRolesAndGroupsToUsersAndTurnsOnTheGroupsClaim() throws Exception {
        Tenant tenant = sim.tenant(TENANT);
        tenant.user("carol@" + TENANT);
        tenant.app(CLIENT);
        var patched = json(call("PATCH", "/_sim/tenants/" + TENANT + "/users/carol@" + TENANT,
                "{\"appRoles\":{\"" + CLIENT + "\":[\"Bridge.Admin\",\"Bridge.Read\"]},\"groups\":[\"g-1\",\"g-2\"]}"));
        assertThat(patched).containsEntry("appRoles", Map.of(CLIENT, List.of("Bridge.Admin", "Bridge.Read")))
                .containsEntry("groups", List.of("g-1", "g-2"));
        User carol = tenant.findUser("carol@" + TENANT).orElseThrow();
        assertThat(carol.appRoles(CLIENT)).containsExactly("Bridge.Admin", "Bridge.Read");

        var removed = json(call("PATCH", "/_sim/tenants/" + TENANT + "/users/carol@" + TENANT,
                "{\"revokeAppRoles\":[\"" + CLIENT + "\"],\"removeGroups\":[\"g-1\"]}"));
        assertThat(removed).containsEntry("appRoles", Map.of()).containsEntry("groups", List.of("g-2"));

        var app = json(call("PATCH", "/_sim/tenants/" + TENANT + "/apps/" + CLIENT,
                "{\"groupMembershipClaims\":\"SecurityGroup\"}"));
        assertThat(app).containsEntry("groupMembershipClaims", "SecurityGroup");
        assertThat(tenant.findApp(CLIENT).orElseThrow().emitsGroups()).isTrue();
        assertThat(call("PATCH", "/_sim/tenants/" + TENANT + "/apps/" + CLIENT,
                "{\"groupMembershipClaims\":\"DirectoryRole\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void exposesAnApiAndGrantsOnlyRolesItDefines() throws Exception {
        sim.tenant(TENANT);
        var api = json(call("POST", "/_sim/tenants/" + TENANT + "/apps", """
                {"clientId":"3b0a0000-0000-4000-8000-0000000000ab","identifierUris":["api://exchange-bridge"],
                 "appRoles":["Bridge.Token","Bridge.Read"]}"""));
        assertThat(api).containsEntry("identifierUris", List.of("api://exchange-bridge"))
                .containsEntry("appRoles", List.of("Bridge.Read", "Bridge.Token"));
        var client = call("POST", "/_sim/tenants/" + TENANT + "/apps", """
                {"clientId":"%s","secrets":[{"value":"pssst"}],
                 "applicationRoles":{"api://exchange-bridge":["Bridge.Token"]}}""".formatted(CLIENT));
        assertThat(client.statusCode()).isEqualTo(201);
        assertThat(json(client).get("applicationRoles").toString()).contains("3b0a0000-0000-4000-8000-0000000000ab",
                "Bridge.Token");
        var federated = json(call("PATCH", "/_sim/tenants/" + TENANT + "/apps/" + CLIENT, """
                {"federatedCredentials":[{"issuer":"https://oidc.prod-aks.azure.com/abc/",
                 "subject":"system:serviceaccount:eb:import-service"}]}"""));
        assertThat(federated.get("federatedCredentials").toString()).contains("https://oidc.prod-aks.azure.com/abc/",
                "system:serviceaccount:eb:import-service", "api://AzureADTokenExchange");
        assertThat(sim.tenant(TENANT).findApp(CLIENT).orElseThrow().federatedCredentials().get(0).signingKey())
                .as("the key comes from the issuer's JWKS").isNull();
        var undefined = call("PATCH", "/_sim/tenants/" + TENANT + "/apps/" + CLIENT,
                "{\"applicationRoles\":{\"api://exchange-bridge\":[\"Bridge.Everything\"]}}");
        assertThat(undefined.statusCode()).isEqualTo(400);
        assertThat(undefined.body()).contains("Bridge.Everything");
    }

    @Test
    void infoNamesTheUrls() throws Exception {
        sim.tenant(TENANT);
        var info = json(call("GET", "/_sim", null));
        assertThat(info).containsEntry("httpsBaseUrl", sim.httpsBaseUrl()).containsEntry("graphBaseUrl",
                sim.graphBaseUrl());
        assertThat(info.get("tenants").toString()).contains(TENANT, sim.authority(TENANT));
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.httpBaseUrl() + path));
        request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readValue(response.body(), new TypeReference<>() {
        });
    }
}
