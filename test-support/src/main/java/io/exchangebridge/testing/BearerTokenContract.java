package io.exchangebridge.testing;

import static io.exchangebridge.testing.LocalIssuerTestResource.API_CLIENT_ID;
import static io.exchangebridge.testing.LocalIssuerTestResource.AUDIENCE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.restassured.specification.RequestSpecification;

/**
 * Bearer JWTs on a service's API, against the two {@link LocalIssuer}s of {@link LocalIssuerTestResource}: Kubernetes
 * service-account tokens get their roles from {@code bridge-auth.principal-roles} (the service's test profile maps
 * {@value #OPERATOR} to {@code admin}), Entra app tokens from their {@code roles} through
 * {@code quarkus.http.auth.roles-mapping}; expired, wrong-audience, wrong-issuer, unsigned and foreign-key tokens are a
 * 401; Basic keeps working and a call without credentials is a 401, not a redirect.
 */
public abstract class BearerTokenContract {

    /** A service account that each service's test profile maps to {@code admin}. */
    public static final String OPERATOR = "system:serviceaccount:eb:operator";

    /** A request the service's own non-admin role may make, the app role that maps to it, and its answer. */
    public record ServiceRoleRequest(String appRole, String method, String path, String json, int status) {
    }

    /** An admin user and password of the service (Basic); {@code admin} / {@code admin-pass} unless overridden. */
    protected String[] admin() {
        return new String[]{"admin", "admin-pass"};
    }

    /** A GET only role {@code admin} may make, answered 200: the foundation's audit log in every service. */
    protected String adminPath() {
        return "/api/audit";
    }

    /** See {@link ServiceRoleRequest}. */
    protected abstract ServiceRoleRequest serviceRoleRequest();

    @Test
    void aServiceAccountGetsItsRolesFromConfiguration() {
        String operator = LocalIssuerTestResource.kubernetes().token(OPERATOR, AUDIENCE, Duration.ofMinutes(5));
        bearer(operator).get(adminPath()).then().statusCode(200);
        // Authenticated, but no roles configured for it.
        bearer(LocalIssuerTestResource.serviceAccountToken("eb", "stranger")).get(adminPath()).then().statusCode(403);
    }

    @Test
    void anEntraAppTokenGetsTheServiceRolesOfItsAppRoles() {
        bearer(LocalIssuerTestResource.entraAppToken(API_CLIENT_ID, "Bridge.Admin")).get(adminPath()).then()
                .statusCode(200);
        bearer(LocalIssuerTestResource.entraAppToken("api://exchange-bridge", "Bridge.Admin")).get(adminPath()).then()
                .statusCode(200);

        ServiceRoleRequest request = serviceRoleRequest();
        String app = LocalIssuerTestResource.entraAppToken(API_CLIENT_ID, request.appRole());
        RequestSpecification spec = bearer(app);
        if (request.json() != null) {
            spec.contentType("application/json").body(request.json());
        }
        spec.request(request.method(), request.path()).then().statusCode(request.status());
        bearer(app).get(adminPath()).then().statusCode(403);
        bearer(LocalIssuerTestResource.entraAppToken(API_CLIENT_ID, "Something.Else")).get(adminPath()).then()
                .statusCode(403);
    }

    @Test
    void tokensThatAreWrongInAnyWayAreRefused() {
        LocalIssuer cluster = LocalIssuerTestResource.kubernetes();
        LocalIssuer entra = LocalIssuerTestResource.entra();
        List<String> wrong = List.of(
                cluster.expired(OPERATOR, AUDIENCE),
                cluster.wrongAudience(OPERATOR),
                cluster.wrongIssuer(OPERATOR, AUDIENCE),
                cluster.unsigned(OPERATOR, AUDIENCE),
                cluster.foreignKey(OPERATOR, AUDIENCE),
                entra.expired(OPERATOR, API_CLIENT_ID),
                entra.wrongAudience(OPERATOR),
                entra.foreignKey(OPERATOR, API_CLIENT_ID),
                // The cluster's audience is not the API's, and the other way round.
                cluster.token(OPERATOR, API_CLIENT_ID, Duration.ofMinutes(5)),
                entra.token(OPERATOR, AUDIENCE, Duration.ofMinutes(5)),
                "not-a-jwt");
        for (String token : wrong) {
            assertThat(bearer(token).get(adminPath()).statusCode()).as(token).isEqualTo(401);
        }
    }

    @Test
    void basicKeepsWorkingAndNoCredentialsIsA401() {
        given().auth().preemptive().basic(admin()[0], admin()[1]).get(adminPath()).then().statusCode(200);
        given().redirects().follow(false).get(adminPath()).then().statusCode(401);
    }

    @Test
    void theClusterIssuerWasAskedWithThePodsServiceAccountTokenAndEntraWithout() {
        assertThat(LocalIssuerTestResource.kubernetes().authorizations()).isNotEmpty()
                .containsOnly("Bearer " + LocalIssuerTestResource.POD_TOKEN);
        assertThat(LocalIssuerTestResource.entra().authorizations()).isNotEmpty().containsOnly("");
    }

    private static RequestSpecification bearer(String token) {
        return given().redirects().follow(false).header("Authorization", "Bearer " + token);
    }
}
