package io.exchangebridge.smtp.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.elytron.security.runtime.ElytronPasswordIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class VerifiedPasswordCacheTest {

    @Inject
    ElytronPasswordIdentityProvider elytron;

    /** Counts how often Elytron had to check a password (it does so in a blocking call). */
    static class CountingContext implements AuthenticationRequestContext {
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public Uni<SecurityIdentity> runBlocking(Supplier<SecurityIdentity> function) {
            checks.incrementAndGet();
            return Uni.createFrom().item(function);
        }
    }

    private static UsernamePasswordAuthenticationRequest basic(String user, String password) {
        return new UsernamePasswordAuthenticationRequest(user, new PasswordCredential(password.toCharArray()));
    }

    @Test
    void aVerifiedPasswordIsRememberedAndAWrongOneNeverIs() {
        VerifiedPasswordCache cache = new VerifiedPasswordCache(elytron);
        CountingContext context = new CountingContext();

        SecurityIdentity first = cache.authenticate(basic("app", "test-sender-password"), context).await()
                .indefinitely();
        assertEquals("app", first.getPrincipal().getName());
        assertTrue(first.hasRole("sender"));
        assertEquals(1, context.checks.get());

        SecurityIdentity again = cache.authenticate(basic("app", "test-sender-password"), context).await()
                .indefinitely();
        assertEquals("app", again.getPrincipal().getName());
        assertTrue(again.hasRole("sender"));
        assertTrue(again.getCredentials().isEmpty(), "the password is not kept with the remembered identity");
        assertEquals(1, context.checks.get(), "answered from memory");

        assertThrows(AuthenticationFailedException.class,
                () -> cache.authenticate(basic("app", "test-sender-passwor"), context).await().indefinitely());
        assertThrows(AuthenticationFailedException.class,
                () -> cache.authenticate(basic("app", "test-sender-passwor"), context).await().indefinitely());
        assertEquals(3, context.checks.get(), "a wrong password goes to Elytron every time");
        assertThrows(AuthenticationFailedException.class,
                () -> cache.authenticate(basic("admin", "test-sender-password"), context).await().indefinitely());

        cache.authenticate(basic("app", "test-sender-password"), context).await().indefinitely();
        assertEquals(4, context.checks.get());
    }

    @Test
    void overHttpTheRightPasswordStillWinsAndAWrongOneIsRefused() {
        given().auth().preemptive().basic("admin", "test-admin-password").get("/api/routes").then().statusCode(200);
        given().auth().preemptive().basic("admin", "wrong").get("/api/routes").then().statusCode(401);
        given().auth().preemptive().basic("admin", "test-admin-password").get("/api/routes").then().statusCode(200);
        given().auth().preemptive().basic("app", "test-admin-password").get("/api/routes").then().statusCode(401);
    }
}
