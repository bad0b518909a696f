package io.exchangebridge.credential.token;

import static io.exchangebridge.credential.testing.Api.appCredential;
import static io.exchangebridge.credential.testing.Api.create;
import static io.exchangebridge.credential.testing.Api.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.ParallelTokenRequests;
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

        List<String> handed = ParallelTokenRequests.send(base, "par-1", "{\"resource\":\"graph\"}", 50);

        Set<String> distinct = handed.stream().collect(Collectors.toSet());
        assertThat(distinct).hasSize(1).doesNotContain(old);
        assertThat(SimulatorTestResource.current().requestLog().count("entra", "token") - before).isEqualTo(1);
    }
}
