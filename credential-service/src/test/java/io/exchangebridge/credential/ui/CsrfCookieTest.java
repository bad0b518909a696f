package io.exchangebridge.credential.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The CSRF cookie is {@code Secure} when browsers reach the service over HTTPS, although the request arrives here as
 * plain HTTP from a TLS-terminating ingress: {@code credential.public-url} says how browsers reach it.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@TestProfile(CsrfCookieTest.BehindHttpsIngress.class)
class CsrfCookieTest {

    public static class BehindHttpsIngress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("credential.public-url", "https://bridge.example.com");
        }
    }

    @Test
    void theCookieIsSecureHttpOnlyAndSameSiteStrict() {
        String setCookie = given().auth().preemptive().basic("admin", "admin-pass").get("/ui/credentials/new").then()
                .statusCode(200).extract().header("Set-Cookie");
        assertThat(setCookie).startsWith(CsrfGuard.COOKIE + "=").contains("Path=/ui").containsIgnoringCase("Secure")
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    }
}
