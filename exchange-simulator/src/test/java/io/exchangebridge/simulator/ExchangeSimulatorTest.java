package io.exchangebridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.exchangebridge.simulator.entra.InvalidTokenException;
import io.exchangebridge.simulator.http.HttpExchanges;

class ExchangeSimulatorTest {

    @Test
    void startsAndStopsOnDynamicPortsWellUnderASecond() {
        // The first start in a JVM also loads BouncyCastle, jose4j and the HTTP server classes: a one-time cost.
        ExchangeSimulator.builder().start().close();
        // Best of three: the cost of a start, not the noise of a machine shared with other builds.
        Duration best = Duration.ofDays(1);
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            ExchangeSimulator sim = ExchangeSimulator.builder().start();
            assertThat(sim.httpPort()).isPositive().isNotEqualTo(sim.httpsPort());
            sim.close();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            best = took.compareTo(best) < 0 ? took : best;
        }
        assertThat(best).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void mountedHandlerAnswersOnHttpAndOnHttpsWithTheExportedTrustStore(@TempDir Path dir) throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.builder().start()) {
            sim.mount("/_sim/echo",
                    exchange -> HttpExchanges.sendText(exchange, 200, "text/plain",
                            exchange.getRequestURI().getPath().getBytes(StandardCharsets.UTF_8)));
            Path trustStore = sim.writeTrustStore(dir.resolve("simulator.p12"));

            KeyStore loaded = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(trustStore)) {
                loaded.load(in, sim.trustStorePassword().toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(loaded);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);

            HttpClient https = HttpClient.newBuilder().sslContext(tls).build();
            HttpClient http = HttpClient.newHttpClient();
            assertThat(https.send(HttpRequest.newBuilder(URI.create(sim.httpsBaseUrl() + "/_sim/echo/a")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("/_sim/echo/a");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(sim.httpBaseUrl() + "/_sim/echo")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("/_sim/echo");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(sim.httpBaseUrl() + "/_sim/echoes")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void mintedTokensVerifyUntilTheyExpireOrTheAppIsDisabled() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.builder().start()) {
            var app = sim.tenant("contoso.onmicrosoft.com").app("client-1")
                    .secret("s", Instant.now().plus(Duration.ofDays(1)))
                    .applicationRoles("https://graph.microsoft.com", "Mail.ReadWrite");
            String token = sim.tokens().applicationToken(app, "https://graph.microsoft.com");

            var verified = sim.tokenVerifier().verify(token);
            assertThat(verified.audience()).isEqualTo("https://graph.microsoft.com");
            assertThat(verified.roles()).containsExactly("Mail.ReadWrite");
            assertThat(verified.tenantId()).isEqualTo(sim.tenant("contoso.onmicrosoft.com").id());
            assertThat(verified.delegated()).isFalse();

            sim.clock().advance(Duration.ofMinutes(61));
            assertThatThrownBy(() -> sim.tokenVerifier().verify(token))
                    .hasMessageContaining("Lifetime validation failed");
            sim.clock().reset();
            app.enabled(false);
            assertThatThrownBy(() -> sim.tokenVerifier().verify(token))
                    .isInstanceOf(InvalidTokenException.class);
        }
    }
}
