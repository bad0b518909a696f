package io.exchangebridge.simulator.faults;

import static io.exchangebridge.simulator.entra.EntraTestClient.ALICE;
import static io.exchangebridge.simulator.entra.EntraTestClient.CLIENT_ID;
import static io.exchangebridge.simulator.entra.EntraTestClient.SECRET;
import static io.exchangebridge.simulator.entra.EntraTestClient.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.entra.EntraSeed;
import io.exchangebridge.simulator.entra.EntraTestClient;
import io.exchangebridge.simulator.entra.EntraTestClient.Answer;
import io.exchangebridge.simulator.entra.InvalidTokenException;

/** Each Entra fault switch, through the Java API, and the code a client then sees. */
class EntraFaultsTest {

    private static final String GRAPH_DEFAULT = "https://graph.microsoft.com/.default";
    private static final String MAIL = "https://graph.microsoft.com/Mail.ReadWrite offline_access";

    private ExchangeSimulator sim;
    private EntraFaults faults;
    private EntraTestClient entra;
    private String refreshToken;

    @BeforeEach
    void start() {
        sim = ExchangeSimulator.builder().start();
        EntraSeed.seed(sim);
        faults = sim.entraFaults();
        entra = new EntraTestClient(sim);
        refreshToken = entra.signInAndRedeem(MAIL).string("refresh_token");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void expiredRefreshTokenIs700082AndRevokedIs70008() {
        assertThat(faults.expireRefreshToken(refreshToken)).isTrue();
        assertError(entra.refresh(refreshToken, MAIL), "invalid_grant", 700082);

        String other = entra.signInAndRedeem(MAIL).string("refresh_token");
        assertThat(faults.revokeRefreshToken(other)).isTrue();
        assertError(entra.refresh(other, MAIL), "invalid_grant", 70008);
        assertThat(faults.revokeRefreshToken("unknown")).isFalse();
    }

    @Test
    void faultsByUserHitEveryRefreshTokenOfTheUser() {
        String second = entra.signInAndRedeem(MAIL).string("refresh_token");
        assertThat(faults.expireRefreshTokens(ALICE, Optional.of(CLIENT_ID))).isEqualTo(2);
        assertError(entra.refresh(refreshToken, MAIL), "invalid_grant", 700082);
        assertError(entra.refresh(second, MAIL), "invalid_grant", 700082);
    }

    @Test
    void revokingAllGrantsOfAUserIs50173ButNewSignInsWork() {
        faults.revokeAllGrants(ALICE);
        assertError(entra.refresh(refreshToken, MAIL), "invalid_grant", 50173);

        sim.clock().advance(Duration.ofSeconds(1));
        String fresh = entra.signInAndRedeem(MAIL).string("refresh_token");
        assertThat(entra.refresh(fresh, MAIL).status()).isEqualTo(200);
    }

    @Test
    void signInFrequencyIs70043() {
        faults.requireSignInAgain(ALICE);
        assertError(entra.refresh(refreshToken, MAIL), "invalid_grant", 70043);
    }

    @Test
    void expiredClientSecretIs7000222() {
        faults.expireClientSecrets(TENANT, CLIENT_ID);
        assertError(entra.clientCredentials(SECRET, GRAPH_DEFAULT), "invalid_client", 7000222);
        assertError(entra.refresh(refreshToken, MAIL), "invalid_client", 7000222);
    }

    @Test
    void disabledOrDeletedAppIs700016AndItsTokensStopVerifying() throws Exception {
        String token = entra.clientCredentials(SECRET, GRAPH_DEFAULT).string("access_token");
        faults.disableApp(TENANT, CLIENT_ID, true);
        assertError(entra.clientCredentials(SECRET, GRAPH_DEFAULT), "invalid_client", 700016);
        assertThat(catchInvalid(token)).isTrue();

        faults.disableApp(TENANT, CLIENT_ID, false);
        assertThat(entra.clientCredentials(SECRET, GRAPH_DEFAULT).status()).isEqualTo(200);
        faults.deleteApp(TENANT, CLIENT_ID);
        assertError(entra.clientCredentials(SECRET, GRAPH_DEFAULT), "invalid_client", 700016);
    }

    @Test
    void withheldConsentIs65001() {
        faults.withholdConsent(TENANT, CLIENT_ID, true);
        assertError(entra.refresh(refreshToken, MAIL), "invalid_grant", 65001);
        faults.withholdConsent(TENANT, CLIENT_ID, false);
        assertThat(entra.refresh(refreshToken, MAIL).status()).isEqualTo(200);
    }

    @Test
    void conditionalAccessBlockIs53003() {
        faults.conditionalAccessBlock(TENANT, true);
        assertError(entra.refresh(refreshToken, MAIL), "invalid_grant", 53003);
        assertError(entra.clientCredentials(SECRET, GRAPH_DEFAULT), "invalid_grant", 53003);
    }

    @Test
    void nextTokenRequestsFailTransientlyThenRecover() {
        faults.failNextTokenRequests(2, 503);

        Answer first = entra.clientCredentials(SECRET, GRAPH_DEFAULT);
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.string("error")).isEqualTo("temporarily_unavailable");
        assertThat(entra.clientCredentials(SECRET, GRAPH_DEFAULT).status()).isEqualTo(503);
        assertThat(entra.clientCredentials(SECRET, GRAPH_DEFAULT).status()).isEqualTo(200);
        assertThat(sim.requestLog().count(r -> r.endpoint().equals("token") && r.status() == 503)).isEqualTo(2);

        faults.failNextTokenRequests(1, 500);
        assertThat(entra.clientCredentials(SECRET, GRAPH_DEFAULT).status()).isEqualTo(500);
    }

    @Test
    void loopDetectionRefusesTheSameTokenTooOftenInAMinute() {
        sim.entraSettings().loopDetectionThreshold(3);
        for (int i = 0; i < 3; i++) {
            assertThat(entra.clientCredentials(SECRET, GRAPH_DEFAULT).status()).isEqualTo(200);
        }
        assertError(entra.clientCredentials(SECRET, GRAPH_DEFAULT), "invalid_request", 50196);
        assertThat(entra.clientCredentials(SECRET, "https://outlook.office365.com/.default").status())
                .as("another resource is another request").isEqualTo(200);

        sim.clock().advance(Duration.ofMinutes(1));
        assertThat(entra.clientCredentials(SECRET, GRAPH_DEFAULT).status()).isEqualTo(200);
    }

    @Test
    void slowResponsesAreDelayed() {
        faults.delayResponses(Duration.ofMillis(400));
        long started = System.nanoTime();
        assertThat(entra.clientCredentials(SECRET, GRAPH_DEFAULT).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));

        faults.clear();
        assertThat(faults.delay()).isZero();
    }

    private boolean catchInvalid(String token) {
        try {
            sim.tokenVerifier().verify(token);
            return false;
        } catch (InvalidTokenException e) {
            return e.reason() == InvalidTokenException.Reason.APP_DISABLED;
        }
    }

    private static void assertError(Answer answer, String error, int code) {
        assertThat(answer.status()).as(answer.body().toString()).isIn(400, 401);
        assertThat(answer.string("error")).isEqualTo(error);
        assertThat(answer.errorCode()).isEqualTo(code);
    }
}
