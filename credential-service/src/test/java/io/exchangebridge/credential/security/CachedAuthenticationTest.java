package io.exchangebridge.credential.security;

import static io.exchangebridge.credential.testing.Api.appCredential;
import static io.exchangebridge.credential.testing.Api.create;
import static io.exchangebridge.credential.testing.Api.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.LogCapture;
import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.foundation.security.EmbeddedUsersBasicAuthentication;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** HTTP Basic through the verified-password cache in front of Elytron's embedded users. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
class CachedAuthenticationTest {

    @Inject
    EmbeddedUsersBasicAuthentication basic;

    /** Counts Elytron's real password checks: it makes each in a blocking call. */
    static final class CountingContext implements AuthenticationRequestContext {
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public Uni<SecurityIdentity> runBlocking(Supplier<SecurityIdentity> function) {
            checks.incrementAndGet();
            return Uni.createFrom().item(function);
        }
    }

    private SecurityIdentity signIn(String user, String password, AuthenticationRequestContext context) {
        return basic.authenticate(new UsernamePasswordAuthenticationRequest(user,
                new PasswordCredential(password.toCharArray())), context).await().indefinitely();
    }

    @Test
    void elytronChecksAPasswordOnceAndEveryWrongOne() {
        CountingContext context = new CountingContext();
        // at most one check: another test of this class may have signed app2 in already
        SecurityIdentity first = signIn("app2", "app2-pass", context);
        assertThat(context.checks.get()).isLessThanOrEqualTo(1);
        context.checks.set(0);
        SecurityIdentity again = signIn("app2", "app2-pass", context);

        assertThat(context.checks).as("answered from memory").hasValue(0);
        assertThat(again.getPrincipal().getName()).isEqualTo("app2");
        assertThat(again.getRoles()).isEqualTo(first.getRoles()).contains("token-client");
        assertThat(again.getCredentials()).isEmpty();

        assertThatThrownBy(() -> signIn("app2", "app2-pasS", context))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> signIn("app2", "app2-pasS", context))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> signIn("admin", "app2-pass", context))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> signIn("nobody", "app2-pass", context))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(context.checks).as("every wrong one went to Elytron").hasValue(4);
    }

    @Test
    void overHttpARememberedPasswordStillNeedsTheRightPasswordAndRole() {
        String clientId = UUID.randomUUID().toString();
        String secret = "cache-secret-" + UUID.randomUUID();
        SimulatorTestResource.current().tenant(io.exchangebridge.credential.testing.Api.TENANT).app(clientId)
                .secret(secret, Instant.now().plus(Duration.ofDays(365)))
                .applicationRoles(Resources.GRAPH, "Mail.ReadWrite");
        create(appCredential("cached-basic-1", clientId, secret));

        try (LogCapture logs = LogCapture.start()) {
            token("app1", "cached-basic-1", "graph").then().statusCode(200);
            token("app1", "cached-basic-1", "graph").then().statusCode(200);
            given().auth().preemptive().basic("app1", "app1-pasS").contentType("application/json")
                    .body("{\"resource\":\"graph\"}").post("/api/credentials/cached-basic-1/token").then()
                    .statusCode(401);
            // app2 may fetch app2-* only, however often it signed in before
            token("app2", "cached-basic-1", "graph").then().statusCode(403);
            token("app2", "cached-basic-1", "graph").then().statusCode(403);
            // the administrator is no token client
            given().auth().preemptive().basic("admin", "admin-pass").get("/api/credentials").then().statusCode(200);
            given().auth().preemptive().basic("admin", "admin-pass").contentType("application/json")
                    .body("{\"resource\":\"graph\"}").post("/api/credentials/cached-basic-1/token").then()
                    .statusCode(403);
            assertThat(logs.text()).doesNotContain("app1-pass").doesNotContain("app2-pass")
                    .doesNotContain("admin-pass");
        }
        assertThat(given().auth().preemptive().basic("admin", "admin-pass").get("/q/metrics").asString())
                .contains("credential_token_handouts_total").doesNotContain("app1-pass");
    }
}
