package io.exchangebridge.foundation.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The one client of the credential-service, against a fake token endpoint: caching, one request for many concurrent
 * callers, the rejected-token replacement by fingerprint, and a typed failure for every answer that is not a token.
 */
@QuarkusTest
@QuarkusTestResource(FakeCredentialService.class)
class CredentialClientTest {

    @Inject
    CredentialClient client;

    private static int credential;
    private String id;

    @BeforeEach
    void fresh() {
        FakeCredentialService.reset();
        id = "cred " + (++credential); // a space: the id must be one encoded path segment
    }

    @Test
    void signsInWithBasicAndCachesTheTokenPerCredentialAndResource() {
        AccessToken first = client.token(id, "graph");
        AccessToken again = client.token(id, "graph");
        AccessToken outlook = client.token(id, "outlook");

        assertThat(again).isEqualTo(first);
        assertThat(outlook.value()).isNotEqualTo(first.value());
        assertThat(FakeCredentialService.RECEIVED).hasSize(2);
        FakeCredentialService.Received request = FakeCredentialService.RECEIVED.get(0);
        assertThat(request.path()).isEqualTo("/api/credentials/cred%20" + credential + "/token");
        assertThat(request.authorization()).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("importer:client-pass".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.body()).contains("\"resource\":\"graph\"").doesNotContain("rejectedTokenSha256");
    }

    @Test
    void aTokenCloseToItsExpiryIsFetchedAgain() {
        FakeCredentialService.LIFETIME.set(Duration.ofMinutes(2)); // inside the 5-minute refresh margin
        client.token(id, "graph");
        client.token(id, "graph");
        assertThat(FakeCredentialService.RECEIVED).hasSize(2);
    }

    @Test
    void concurrentCallersOfOneCredentialMakeOneRequest() throws Exception {
        FakeCredentialService.DELAY.set(Duration.ofMillis(300));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<AccessToken>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> client.token(id, "graph")));
            }
            AccessToken first = calls.get(0).get();
            for (Future<AccessToken> call : calls) {
                assertThat(call.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(FakeCredentialService.RECEIVED).hasSize(1);
    }

    @Test
    void aRefusedTokenIsReplacedOnceNamingItsFingerprint() {
        AccessToken refused = client.token(id, "graph");
        AccessToken replacement = client.replace(id, "graph", refused);
        // A second caller that saw the same refusal gets the replacement without another request.
        AccessToken forSecondCaller = client.replace(id, "graph", refused);

        assertThat(replacement.value()).isNotEqualTo(refused.value());
        assertThat(forSecondCaller).isEqualTo(replacement);
        assertThat(FakeCredentialService.RECEIVED).hasSize(2);
        assertThat(FakeCredentialService.RECEIVED.get(1).body())
                .contains("\"rejectedTokenSha256\":\"" + refused.sha256() + "\"")
                .doesNotContain(refused.value());
        assertThat(client.token(id, "graph")).isEqualTo(replacement);
    }

    @Test
    void everyAnswerThatIsNotATokenIsATypedFailure() {
        answer(404, "{\"title\":\"Not Found\"}");
        assertThatThrownBy(() -> client.token(id, "graph"))
                .isInstanceOf(CredentialFailure.UnknownCredential.class)
                .hasMessageContaining("'" + id + "'")
                .satisfies(e -> assertThat(((CredentialFailure) e).temporary()).isFalse());

        answer(403, "");
        assertThatThrownBy(() -> client.token(id, "graph"))
                .isInstanceOf(CredentialFailure.AccessDenied.class)
                .hasMessageContaining("HTTP 403").hasMessageContaining("'importer'");

        answer(409, "{\"status\":\"CONSENT_REQUIRED\",\"code\":\"AADSTS65001\","
                + "\"explanation\":\"An administrator must sign in.\",\"consentUrl\":\"https://c/consent\"}");
        assertThatThrownBy(() -> client.token(id, "graph"))
                .isInstanceOfSatisfying(CredentialFailure.NotReady.class, e -> {
                    assertThat(e.status()).contains("CONSENT_REQUIRED");
                    assertThat(e.code()).contains("AADSTS65001");
                    assertThat(e.consentUrl()).contains("https://c/consent");
                    assertThat(e.getMessage()).isEqualTo("Credential '" + id
                            + "' is not ready (CONSENT_REQUIRED): An administrator must sign in.");
                });

        answer(200, "{\"accessToken\":");
        assertThatThrownBy(() -> client.token(id, "graph")).isInstanceOf(CredentialFailure.Unavailable.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void anUnavailableBrokerSaysWhenToComeBackInSecondsOrAsADate() {
        FakeCredentialService.ANSWER.set(new FakeCredentialService.Answer(503, "", Map.of("Retry-After", "7")));
        assertThatThrownBy(() -> client.token(id, "graph"))
                .isInstanceOfSatisfying(CredentialFailure.Unavailable.class, e -> {
                    assertThat(e.temporary()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                });

        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        FakeCredentialService.ANSWER.set(new FakeCredentialService.Answer(503, "",
                Map.of("Retry-After", inAMinute)));
        assertThatThrownBy(() -> client.token(id, "graph"))
                .isInstanceOfSatisfying(CredentialFailure.Unavailable.class,
                        e -> assertThat(e.retryAfter()).hasValueSatisfying(wait -> assertThat(wait)
                                .isBetween(Duration.ofSeconds(55), Duration.ofSeconds(62))));
    }

    @Test
    void noFailureTextHoldsATokenAndTheTokenHidesItsValue() {
        AccessToken token = client.token(id, "graph");
        assertThat(token.toString()).doesNotContain(token.value());
    }

    private static void answer(int status, String body) {
        FakeCredentialService.ANSWER.set(new FakeCredentialService.Answer(status, body, Map.of()));
    }
}
