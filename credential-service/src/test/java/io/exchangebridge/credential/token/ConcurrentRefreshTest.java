package io.exchangebridge.credential.token;

import static io.exchangebridge.credential.testing.Api.appCredential;
import static io.exchangebridge.credential.testing.Api.create;
import static io.exchangebridge.credential.testing.Api.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.credential.testing.Sql;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** 50 parallel requests for an expired token: exactly one token request reaches Entra, all get the new token. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
class ConcurrentRefreshTest {

    @Inject
    DataSource dataSource;
    @Inject
    TokenService tokens;
    @TestHTTPResource("/")
    URL base;

    @Test
    void fiftyParallelRequestsCauseOneEntraCall() throws Exception {
        String clientId = UUID.randomUUID().toString();
        ClientCredentialsTokenTest.app(clientId, "par-secret");
        create(appCredential("par-1", clientId, "par-secret"));
        String old = token("app1", "par-1", "graph").then().statusCode(200).extract().path("accessToken");

        Sql.expireTokens(dataSource, "par-1", -1);
        tokens.clearMemory();
        long before = SimulatorTestResource.current().requestLog().count("entra", "token");

        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString("app1:app1-pass".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/credentials/par-1/token"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resource\":\"graph\"}")).build();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            }));
        }
        go.countDown();
        ObjectMapper json = new ObjectMapper();
        List<String> handed = new ArrayList<>();
        for (Future<HttpResponse<String>> f : answers) {
            HttpResponse<String> r = f.get();
            assertThat(r.statusCode()).isEqualTo(200);
            handed.add(json.readTree(r.body()).get("accessToken").asText());
        }
        pool.shutdown();

        Set<String> distinct = handed.stream().collect(Collectors.toSet());
        assertThat(distinct).hasSize(1).doesNotContain(old);
        assertThat(SimulatorTestResource.current().requestLog().count("entra", "token") - before).isEqualTo(1);
    }
}
