package io.exchangebridge.credential.token;

import static io.exchangebridge.credential.testing.Api.appCredential;
import static io.exchangebridge.credential.testing.Api.as;
import static io.exchangebridge.credential.testing.Api.create;
import static io.exchangebridge.credential.testing.Api.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.ParallelTokenRequests;
import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A client reports the token Graph refused by its SHA-256: replaced once, however many report it; others ignored. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
class RejectedTokenTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void matchingFingerprintFromManyClientsCausesOneEntraCallAndANewToken() throws Exception {
        String clientId = UUID.randomUUID().toString();
        ClientCredentialsTokenTest.app(clientId, "rej-secret");
        create(appCredential("rej-1", clientId, "rej-secret"));
        String old = token("app1", "rej-1", "graph").then().statusCode(200).extract().path("accessToken");
        long before = entraCalls();

        List<String> handed = ParallelTokenRequests.send(base, "rej-1",
                "{\"resource\":\"graph\",\"rejectedTokenSha256\":\"" + base64Url(old) + "\"}", 20);

        Set<String> distinct = handed.stream().collect(Collectors.toSet());
        assertThat(distinct).hasSize(1).doesNotContain(old);
        assertThat(entraCalls() - before).isEqualTo(1);

        // A late reporter of the same refused token gets the new one without another Entra call (hex works too).
        String fresh = distinct.iterator().next();
        String again = rejected("rej-1", HexFormat.of().formatHex(TokenFingerprint.hash(old))).then().statusCode(200)
                .extract().path("accessToken");
        assertThat(again).isEqualTo(fresh);
        assertThat(entraCalls() - before).isEqualTo(1);
    }

    @Test
    void fingerprintOfAnotherTokenChangesNothing() {
        String clientId = UUID.randomUUID().toString();
        ClientCredentialsTokenTest.app(clientId, "rej-secret");
        create(appCredential("rej-2", clientId, "rej-secret"));
        String current = token("app1", "rej-2", "graph").then().statusCode(200).extract().path("accessToken");
        long before = entraCalls();

        String answered = rejected("rej-2", base64Url("some-other-token")).then().statusCode(200).extract()
                .path("accessToken");

        assertThat(answered).isEqualTo(current);
        assertThat(entraCalls() - before).isZero();
    }

    @Test
    void aValueThatIsNotASha256IsRefused() {
        String clientId = UUID.randomUUID().toString();
        ClientCredentialsTokenTest.app(clientId, "rej-secret");
        create(appCredential("rej-3", clientId, "rej-secret"));
        String token = token("app1", "rej-3", "graph").then().statusCode(200).extract().path("accessToken");
        long before = entraCalls();

        // The token itself sent by mistake: refused, and not echoed back.
        rejected("rej-3", token).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("rejectedTokenSha256"))
                .body(org.hamcrest.Matchers.not(containsString(token)));
        rejected("rej-3", "abc").then().statusCode(400).body("status", equalTo(400));
        assertThat(entraCalls() - before).isZero();
    }

    private static io.restassured.response.Response rejected(String credential, String fingerprint) {
        return as("app1").body(Map.of("resource", "graph", "rejectedTokenSha256", fingerprint))
                .post("/api/credentials/" + credential + "/token");
    }

    private static String base64Url(String token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(TokenFingerprint.hash(token));
    }

    private static long entraCalls() {
        return SimulatorTestResource.current().requestLog().count("entra", "token");
    }
}
