package io.exchangebridge.credential.ui.signin;

import static io.exchangebridge.credential.testing.Api.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.ConsoleSignInResource;
import io.exchangebridge.credential.testing.SignIn;
import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The console with Entra sign-in on and HTTP Basic sign-in off, over plain HTTP: Basic is refused on {@code /ui} with
 * the 403 page and keeps working on {@code /api}; an anonymous API call is a 401 (never a redirect to the sign-in), an
 * anonymous console page a redirect to Entra's authorize endpoint with PKCE and the console's redirect path.
 */
@QuarkusTest
@TestProfile(ConsoleSignInProfile.class)
@WithTestResource(PostgresTestResource.class)
class ConsoleSignInTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void basicIsRefusedOnTheConsoleAndAcceptedOnTheApi() {
        admin().get("/ui/credentials").then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("HTTP Basic sign-in to the console is switched off"))
                .body(containsString("credential.console.basic-sign-in=false"))
                .body(containsString("You are signed in as <strong>admin</strong> with HTTP Basic"))
                .body(not(containsString("id=\"sign-out\"")));
        admin().get("/ui").then().statusCode(403);
        given().auth().preemptive().basic("admin", "admin-pass").formParam("id", "x").post("/ui/credentials").then()
                .statusCode(403)
                .body(containsString("HTTP Basic sign-in to the console is switched off"));
        // a Basic user without the admin role is refused for the same reason on the console
        given().auth().preemptive().basic("app1", "app1-pass").get("/ui/credentials").then().statusCode(403)
                .body(containsString("HTTP Basic sign-in to the console is switched off"));

        admin().get("/api/credentials").then().statusCode(200);
        given().auth().preemptive().basic("app1", "app1-pass").get("/api/credentials").then().statusCode(403)
                .body(not(containsString("<html")));
        given().auth().preemptive().basic("admin", "wrong").get("/api/credentials").then().statusCode(401);
    }

    @Test
    void anonymousApiCallsAreRefusedWith401NotRedirected() {
        for (String path : new String[]{"/api/credentials", "/api/audit", "/q/metrics"}) {
            given().redirects().follow(false).get(path).then().statusCode(401)
                    .header("WWW-Authenticate", matchesPattern("(?i)basic.*"));
        }
        given().redirects().follow(false).contentType("application/json").body(Map.of("resource", "graph"))
                .post("/api/credentials/any/token").then().statusCode(401);
    }

    @Test
    void anonymousConsolePagesGoToEntraWithPkceAndTheConsolesRedirectPath() {
        var answer = given().redirects().follow(false).get("/ui/audit").then().statusCode(302).extract();
        URI location = URI.create(answer.header("Location"));
        assertThat(location.toString()).startsWith(SimulatorTestResource.current().httpsBaseUrl() + "/")
                .contains("/oauth2/v2.0/authorize?");
        Map<String, String> query = SignIn.query(location);
        assertThat(query).containsEntry("client_id", ConsoleSignInResource.CLIENT_ID)
                .containsEntry("response_type", "code").containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", base + "ui/signin-oidc").containsKeys("state", "nonce",
                        "code_challenge");
        assertThat(query.get("scope").split(" ")).contains("openid", "profile");
        // the state cookie is the console's only: not sent to the API
        assertThat(answer.headers().getValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("q_auth_console").contains("Path=/ui").containsIgnoringCase("HttpOnly"));
    }
}
