package io.exchangebridge.credential.token;

import static io.exchangebridge.credential.testing.Api.admin;
import static io.exchangebridge.credential.testing.Api.appCredential;
import static io.exchangebridge.credential.testing.Api.as;
import static io.exchangebridge.credential.testing.Api.create;
import static io.exchangebridge.credential.testing.Api.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.credential.testing.Sql;
import io.exchangebridge.testing.PostgresTestResource;
import io.exchangebridge.testing.PrometheusText;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The event-loop route for tokens in memory: it answers exactly what the REST resource answers, audits and counts the
 * same, and leaves everything that is not plainly a cache hit to the resource, whose answers stay as they were.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
class CachedTokenRouteTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    CachedTokenRoute route;

    @Inject
    DataSource dataSource;

    private static String credential(String id) {
        String clientId = UUID.randomUUID().toString();
        ClientCredentialsTokenTest.app(clientId, "route-secret");
        create(appCredential(id, clientId, "route-secret"));
        return id;
    }

    private static double memoryHandouts() {
        // the shared reader: with OpenTelemetry a sample may end in an exemplar, whose last field is its timestamp
        return PrometheusText.sum(admin().get("/q/metrics").then().statusCode(200).extract().asString(),
                "credential_token_handouts_total", Map.of("source", "memory"));
    }

    @Test
    void aTokenInMemoryIsAnsweredByTheRouteAsTheResourceWouldAnswerIt() {
        String id = credential("route-1");
        long before = route.answered();
        String fromResource = token("app1", id, "graph").then().statusCode(200).extract().asString();
        assertThat(route.answered()).as("a miss goes to the resource").isEqualTo(before);
        double memoryBefore = memoryHandouts();

        var hit = token("app1", id, "graph").then().statusCode(200)
                .header("Content-Type", containsString("application/json")).extract();
        assertThat(route.answered()).isEqualTo(before + 1);
        assertThat(hit.asString()).as("the same JSON, byte for byte").isEqualTo(fromResource);
        assertThat(memoryHandouts()).isEqualTo(memoryBefore + 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> "2".equals(Sql.string(dataSource,
                "SELECT sum(count) FROM audit_log WHERE target = ? AND action = 'token.handout' AND actor = 'app1'"
                        + " AND detail = 'graph' AND result = 'OK'",
                id)));
        admin().get("/q/metrics").then().body(containsString("uri=\"/api/credentials/{id}/token\""));
    }

    @Test
    void everythingElseIsAnsweredByTheResourceAsBefore() throws Exception {
        String id = credential("route-2");
        token("app1", id, "graph").then().statusCode(200);
        long before = route.answered();

        given().contentType("application/json").body(Map.of("resource", "graph"))
                .post("/api/credentials/" + id + "/token").then().statusCode(401);
        given().auth().preemptive().basic("app1", "wrong").contentType("application/json")
                .body(Map.of("resource", "graph")).post("/api/credentials/" + id + "/token").then().statusCode(401);
        token("app2", id, "graph").then().statusCode(403).contentType(containsString("application/problem+json"));
        token("admin", id, "graph").then().statusCode(403);
        as("app1").body(Map.of()).post("/api/credentials/" + id + "/token").then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        as("app1").body("{\"resource\":").post("/api/credentials/" + id + "/token").then().statusCode(400);
        token("app1", id, "no-such-resource").then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        token("app1", "route-unknown", "graph").then().statusCode(404);
        as("app1").body(Map.of("resource", "graph", "rejectedTokenSha256", "not-a-fingerprint"))
                .post("/api/credentials/" + id + "/token").then().statusCode(400);
        assertThat(route.answered()).as("none of these was a cache hit").isEqualTo(before);

        // a body above the route's limit is left unread to the resource, which answers it as any other
        String padded = "{\"resource\":\"graph\"" + " ".repeat(20_000) + "}";
        as("app1").body(padded).post("/api/credentials/" + id + "/token").then().statusCode(200)
                .body("resource", equalTo("graph"));
        // a fingerprint goes to the resource too, which may replace the token
        as("app1").body(Map.of("resource", "graph", "rejectedTokenSha256", "0".repeat(64)))
                .post("/api/credentials/" + id + "/token").then().statusCode(200);
        assertThat(route.answered()).isEqualTo(before);

        // HTTP/2 (here h2c, as the JDK's client upgrades to it) is left to the resource unread
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> answer = http2.send(HttpRequest.newBuilder(URI.create(base + "api/credentials/" + id
                    + "/token")).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "app1:app1-pass".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"resource\":\"graph\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"resource\":\"graph\"");
        }
        assertThat(route.answered()).isEqualTo(before);

        token("app1", id, "graph").then().statusCode(200);
        assertThat(route.answered()).isEqualTo(before + 1);
    }
}
