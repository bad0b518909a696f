package io.exchangebridge.simulator.entra;

import static io.exchangebridge.simulator.entra.EntraTestClient.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.http.Json;

class MetadataEndpointsTest {

    private ExchangeSimulator sim;
    private EntraTestClient entra;

    @BeforeEach
    void start() {
        sim = ExchangeSimulator.builder().start();
        EntraSeed.seed(sim);
        entra = new EntraTestClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void openidConfigurationResolvesTheDomainToTheTenantId() throws Exception {
        String tid = sim.tenant(TENANT).id();
        Map<String, Object> doc = json(entra.get(sim.authority(TENANT) + "v2.0/.well-known/openid-configuration")
                .body());

        assertThat(doc).containsEntry("issuer", sim.httpsBaseUrl() + "/" + tid + "/v2.0")
                .containsEntry("token_endpoint", sim.httpsBaseUrl() + "/" + tid + "/oauth2/v2.0/token")
                .containsEntry("authorization_endpoint", sim.httpsBaseUrl() + "/" + tid + "/oauth2/v2.0/authorize")
                .containsEntry("jwks_uri", sim.httpsBaseUrl() + "/" + tid + "/discovery/v2.0/keys");
        assertThat(json(entra.get(sim.authority("common") + "v2.0/.well-known/openid-configuration").body()))
                .containsEntry("issuer", sim.httpsBaseUrl() + "/{tenantid}/v2.0");
        assertThat(entra.get(sim.authority("nowhere.example") + "v2.0/.well-known/openid-configuration")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void instanceDiscoveryNamesTheSimulatorAsTheOnlyAlias() throws Exception {
        String host = sim.httpsBaseUrl().replace("https://", "");
        Map<String, Object> doc = json(entra.get(sim.httpsBaseUrl()
                + "/common/discovery/instance?api-version=1.1&authorization_endpoint=https://" + host + "/" + TENANT
                + "/oauth2/v2.0/authorize").body());

        assertThat(doc).containsEntry("tenant_discovery_endpoint",
                sim.httpsBaseUrl() + "/" + TENANT + "/v2.0/.well-known/openid-configuration");
        assertThat(doc.get("metadata").toString()).contains("preferred_network=" + host);
    }

    @Test
    void tokensVerifyWithThePublishedKeys() throws Exception {
        String token = sim.tokens().applicationToken(sim.tenant(TENANT).findApp(EntraTestClient.CLIENT_ID)
                .orElseThrow(), Resources.GRAPH);
        JsonWebKeySet jwks = new JsonWebKeySet(entra.get(sim.authority(TENANT) + "discovery/v2.0/keys").body());

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(new VerificationJwkSelector().select(jws, jwks.getJsonWebKeys()).getKey());
        assertThat(jws.verifySignature()).isTrue();
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("RS256");
        assertThat(jws.getKeyIdHeaderValue()).isNotBlank();
    }

    private static Map<String, Object> json(String body) throws Exception {
        return Json.MAPPER.readValue(body, new TypeReference<>() {
        });
    }
}
