package io.exchangebridge.smtp.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.foundation.security.EmbeddedUsersBasicAuthentication;
import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** The REST API's Basic users go through the foundation's verified-password cache, as in every service. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class BasicAuthenticationCacheTest {

    @Inject
    EmbeddedUsersBasicAuthentication cache;

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
        CountingContext context = new CountingContext();

        // at most one check: another test of this class may have signed app in already
        SecurityIdentity first = cache.authenticate(basic("app", "test-sender-password"), context).await()
                .indefinitely();
        assertEquals("app", first.getPrincipal().getName());
        assertTrue(first.hasRole("sender"));
        assertTrue(context.checks.get() <= 1);
        context.checks.set(0);

        SecurityIdentity again = cache.authenticate(basic("app", "test-sender-password"), context).await()
                .indefinitely();
        assertEquals("app", again.getPrincipal().getName());
        assertTrue(again.hasRole("sender"));
        assertTrue(again.getCredentials().isEmpty(), "the password is not kept with the remembered identity");
        assertEquals(0, context.checks.get(), "answered from memory");

        assertThrows(AuthenticationFailedException.class,
                () -> cache.authenticate(basic("app", "test-sender-passwor"), context).await().indefinitely());
        assertThrows(AuthenticationFailedException.class,
                () -> cache.authenticate(basic("app", "test-sender-passwor"), context).await().indefinitely());
        assertEquals(2, context.checks.get(), "a wrong password goes to Elytron every time");
        assertThrows(AuthenticationFailedException.class,
                () -> cache.authenticate(basic("admin", "test-sender-password"), context).await().indefinitely());

        assertEquals(3, context.checks.get(), "an unknown combination goes to Elytron");
        cache.authenticate(basic("app", "test-sender-password"), context).await().indefinitely();
        assertEquals(4, context.checks.get(), "a wrong password made it forget the remembered one");
        cache.authenticate(basic("app", "test-sender-password"), context).await().indefinitely();
        assertEquals(4, context.checks.get(), "remembered again");
    }

    @Test
    void overHttpTheRightPasswordStillWinsAndAWrongOneIsRefused() {
        given().auth().preemptive().basic("admin", "test-admin-password").get("/api/routes").then().statusCode(200);
        given().auth().preemptive().basic("admin", "wrong").get("/api/routes").then().statusCode(401);
        given().auth().preemptive().basic("admin", "test-admin-password").get("/api/routes").then().statusCode(200);
        given().auth().preemptive().basic("app", "test-admin-password").get("/api/routes").then().statusCode(401);
    }
}
