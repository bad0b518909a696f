package io.exchangebridge.credential.token;

import static io.exchangebridge.credential.testing.Api.appCredential;
import static io.exchangebridge.credential.testing.Api.create;
import static io.exchangebridge.credential.testing.Api.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.testing.LocalIssuerTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A bearer hand-out takes the event-loop route too: the Entra app role {@code Bridge.Token} is mapped to
 * {@code token-client} there as Quarkus maps it for the REST layer; a token without the role is still refused.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
@WithTestResource(LocalIssuerTestResource.class)
class CachedTokenRouteBearerTest {

    @Inject
    CachedTokenRoute route;

    @Test
    void aBearerTokenWithTheAppRoleIsAnsweredByTheRoute() {
        String clientId = UUID.randomUUID().toString();
        ClientCredentialsTokenTest.app(clientId, "route-secret");
        // the calling app may use bearer-* credentials (test profile)
        create(appCredential("bearer-route", clientId, "route-secret"));
        token("app1", "bearer-route", "graph").then().statusCode(200);
        String bearer = LocalIssuerTestResource.entraAppToken(LocalIssuerTestResource.API_CLIENT_ID, "Bridge.Token");

        long before = route.answered();
        given().auth().oauth2(bearer).contentType("application/json").body(Map.of("resource", "graph"))
                .post("/api/credentials/bearer-route/token").then().statusCode(200)
                .body("resource", equalTo("graph"));
        assertThat(route.answered()).as("answered on the route, roles mapping applied").isEqualTo(before + 1);

        String noRole = LocalIssuerTestResource.entraAppToken(LocalIssuerTestResource.API_CLIENT_ID, "Bridge.Read");
        given().auth().oauth2(noRole).contentType("application/json").body(Map.of("resource", "graph"))
                .post("/api/credentials/bearer-route/token").then().statusCode(403);
        assertThat(route.answered()).isEqualTo(before + 1);
    }
}
