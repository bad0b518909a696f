package io.exchangebridge.foundation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

class VerifiedPasswordCacheTest {

    /** A password realm whose users can change while the cache runs; counts its real checks. */
    static final class Realm implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
        final Map<String, String> passwords = new HashMap<>();
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                AuthenticationRequestContext context) {
            checks.incrementAndGet();
            String password = new String(request.getPassword().getPassword());
            if (!password.equals(passwords.get(request.getUsername()))) {
                return Uni.createFrom().failure(new AuthenticationFailedException());
            }
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(request.getUsername())).addRole("token-client")
                    .addCredential(request.getPassword()).build());
        }

        /** What the realm stores for a user: here a stand-in for its digest. */
        Optional<String> stored(String user) {
            return Optional.ofNullable(passwords.get(user)).map(p -> "digest-of-" + p);
        }
    }

    static final class Clock implements InstantSource {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T12:00:00Z"));

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private static final AuthenticationRequestContext CONTEXT = supplier -> Uni.createFrom().item(supplier);

    private final Realm realm = new Realm();
    private final Clock clock = new Clock();
    private final VerifiedPasswordCache cache = new VerifiedPasswordCache(realm, realm::stored, Duration.ofMinutes(5),
            100, clock);

    private SecurityIdentity signIn(String user, String password) {
        return cache.authenticate(new UsernamePasswordAuthenticationRequest(user,
                new PasswordCredential(password.toCharArray())), CONTEXT).await().indefinitely();
    }

    @Test
    void aVerifiedPasswordIsAnsweredFromMemoryWithoutThePassword() {
        realm.passwords.put("app1", "s3cret-one");

        SecurityIdentity first = signIn("app1", "s3cret-one");
        SecurityIdentity again = signIn("app1", "s3cret-one");

        assertThat(realm.checks).hasValue(1);
        assertThat(first.getPrincipal().getName()).isEqualTo("app1");
        assertThat(again.getPrincipal().getName()).isEqualTo("app1");
        assertThat(again.getRoles()).containsExactly("token-client");
        assertThat(again.getCredentials()).as("the remembered identity holds no password").isEmpty();
    }

    @Test
    void aWrongPasswordIsNeverAcceptedFromMemoryAndGoesToTheRealmEveryTime() {
        realm.passwords.put("app1", "s3cret-one");
        signIn("app1", "s3cret-one");

        assertThatThrownBy(() -> signIn("app1", "s3cret-onf")).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> signIn("app1", "s3cret-onf")).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> signIn("app1", "")).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> signIn("app2", "s3cret-one")).as("another user with the remembered password")
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(realm.checks).hasValue(5);
    }

    @Test
    void aChangedPasswordEndsTheRememberedOne() {
        realm.passwords.put("app1", "old-password");
        signIn("app1", "old-password");

        realm.passwords.put("app1", "new-password");

        assertThatThrownBy(() -> signIn("app1", "old-password")).isInstanceOf(AuthenticationFailedException.class);
        assertThat(signIn("app1", "new-password").getPrincipal().getName()).isEqualTo("app1");
        assertThat(realm.checks).hasValue(3);
    }

    @Test
    void aRemovedUserIsRefusedAtOnce() {
        realm.passwords.put("app1", "s3cret-one");
        signIn("app1", "s3cret-one");

        realm.passwords.remove("app1");

        assertThatThrownBy(() -> signIn("app1", "s3cret-one")).isInstanceOf(AuthenticationFailedException.class);
        assertThat(cache.size(clock.instant())).isZero();
    }

    @Test
    void aRememberedPasswordExpires() {
        realm.passwords.put("app1", "s3cret-one");
        signIn("app1", "s3cret-one");
        clock.now.set(clock.instant().plus(Duration.ofMinutes(4)));
        signIn("app1", "s3cret-one");
        assertThat(realm.checks).hasValue(1);

        clock.now.set(clock.instant().plus(Duration.ofMinutes(2)));
        signIn("app1", "s3cret-one");

        assertThat(realm.checks).as("checked again after five minutes").hasValue(2);
    }

    @Test
    void neitherThePasswordNorItsDigestIsInTheCachesText() {
        realm.passwords.put("app1", "s3cret-one");
        signIn("app1", "s3cret-one");

        assertThat(String.valueOf(cache)).doesNotContain("s3cret-one");
        assertThat(String.valueOf(signIn("app1", "s3cret-one"))).doesNotContain("s3cret-one");
    }
}
