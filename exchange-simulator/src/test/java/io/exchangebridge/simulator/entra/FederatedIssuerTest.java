package io.exchangebridge.simulator.entra;

import static io.exchangebridge.simulator.entra.EntraTestClient.CLIENT_ID;
import static io.exchangebridge.simulator.entra.EntraTestClient.TENANT;
import static io.exchangebridge.simulator.entra.EntraTestClient.form;
import static io.exchangebridge.simulator.entra.TokenEndpointTest.assertion;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.FederatedCredential;
import io.exchangebridge.simulator.entra.EntraTestClient.Answer;

/**
 * AKS workload identity: a federated credential registered by issuer, subject and audience only; the simulator verifies
 * the projected service-account token (the client assertion) with the keys the issuer publishes
 * ({@code /.well-known/openid-configuration} → {@code jwks_uri}), as Entra does.
 */
class FederatedIssuerTest {

    private static final String SUBJECT = "system:serviceaccount:exchange-bridge:import-service";
    private static final String API_URI = "api://exchange-bridge";

    private final ExchangeSimulator sim = ExchangeSimulator.builder().start();
    private final AppRegistration client = EntraSeed.seed(sim);
    private final EntraTestClient entra = new EntraTestClient(sim);
    private final KeyPair clusterKey;
    private final HttpServer cluster;
    private final String issuer;

    FederatedIssuerTest() throws Exception {
        clusterKey = TestCertificates.rsa();
        cluster = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + cluster.getAddress().getPort() + "/cluster-1";
        RsaJsonWebKey jwk = (RsaJsonWebKey) JsonWebKey.Factory.newJwk((RSAPublicKey) clusterKey.getPublic());
        jwk.setKeyId("sa-key-1");
        String jwks = new JsonWebKeySet(jwk).toJson();
        cluster.createContext("/cluster-1/.well-known/openid-configuration",
                ex -> serve(ex, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/openid/v1/jwks\"}"));
        cluster.createContext("/cluster-1/openid/v1/jwks", ex -> serve(ex, jwks));
        cluster.start();
        sim.tenant(TENANT).app("7a1c3e55-0000-4000-8000-00000000a011").identifierUri(API_URI).appRole("Bridge.Token");
        client.applicationRoles(API_URI, "Bridge.Token")
                .federatedCredential(issuer, SUBJECT, FederatedCredential.DEFAULT_AUDIENCE);
    }

    @AfterEach
    void stop() {
        cluster.stop(0);
        sim.close();
    }

    @Test
    void aServiceAccountTokenSignedWithThePublishedKeyGetsTheApiToken() throws Exception {
        Answer answer = federated(assertion(clusterKey, issuer, SUBJECT, FederatedCredential.DEFAULT_AUDIENCE, "kid",
                "sa-key-1"));

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        AccessToken token = sim.tokenVerifier().verify(answer.string("access_token"));
        assertThat(token.roles()).containsExactly("Bridge.Token");
        assertThat(token.appId()).isEqualTo(CLIENT_ID);
        assertThat(OidcSignInTest.claims(answer.string("access_token")).getStringClaimValue("appidacr"))
                .isEqualTo("2");
    }

    @Test
    void aKeyTheIssuerDoesNotPublishIsAadsts7000272AndAForeignSignature700027() throws Exception {
        assertError(federated(assertion(clusterKey, issuer, SUBJECT, FederatedCredential.DEFAULT_AUDIENCE, "kid",
                "rotated-away")), 401, 7000272);
        assertError(federated(assertion(TestCertificates.rsa(), issuer, SUBJECT, FederatedCredential.DEFAULT_AUDIENCE,
                "kid", "sa-key-1")), 401, 700027);
    }

    @Test
    void theWrongAudienceOrSubjectIsRefused() throws Exception {
        assertError(federated(assertion(clusterKey, issuer, SUBJECT, "exchange-bridge", "kid", "sa-key-1")), 401,
                700212);
        assertError(federated(assertion(clusterKey, issuer, "system:serviceaccount:other:sa",
                FederatedCredential.DEFAULT_AUDIENCE, "kid", "sa-key-1")), 401, 700213);
    }

    @Test
    void anUnreachableIssuerIsAadsts90061() throws Exception {
        String assertion = assertion(clusterKey, issuer, SUBJECT, FederatedCredential.DEFAULT_AUDIENCE, "kid",
                "sa-key-1");
        cluster.stop(0);

        Answer answer = federated(assertion);

        assertError(answer, 400, 90061);
        assertThat(answer.string("error")).isEqualTo("invalid_request");
    }

    private Answer federated(String assertion) {
        return entra.token(form("grant_type", "client_credentials", "client_id", CLIENT_ID, "client_assertion_type",
                ClientAuthenticator.JWT_BEARER, "client_assertion", assertion, "scope", API_URI + "/.default"));
    }

    private static void assertError(Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.errorCode()).isEqualTo(code);
    }

    private static void serve(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
