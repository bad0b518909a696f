package io.exchangebridge.foundation.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * HTTP Basic in front of a password realm (Elytron's embedded users): a user and password the realm accepted are
 * remembered for {@code ttl} as a salted SHA-256 (random salt per process, never logged) with the identity, so that a
 * repeated request is answered on the event loop without the realm's digest check and the hop to a worker thread it
 * needs. Wrong passwords are never remembered: each goes to the realm. A remembered password counts only while the
 * realm still stores the same credential for the user ({@code storedCredential}): a changed password or a removed user
 * goes to the realm again.
 */
public final class VerifiedPasswordCache {

    private final IdentityProvider<UsernamePasswordAuthenticationRequest> realm;
    private final Function<String, Optional<String>> storedCredential;
    private final ExpiringMap<Verified> verified;
    private final byte[] salt = new byte[32];

    private record Verified(byte[] digest, String stored, SecurityIdentity identity) {
    }

    /**
     * @param realm
     *            the provider that really checks passwords
     * @param storedCredential
     *            what the realm stores for a user (e.g. its configured digest), empty when it has no such user
     */
    public VerifiedPasswordCache(IdentityProvider<UsernamePasswordAuthenticationRequest> realm,
            Function<String, Optional<String>> storedCredential, Duration ttl, int maxEntries, InstantSource clock) {
        this.realm = realm;
        this.storedCredential = storedCredential;
        this.verified = new ExpiringMap<>(ttl, maxEntries, clock);
        new SecureRandom().nextBytes(salt);
    }

    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String user = request.getUsername();
        byte[] digest = digest(user, request.getPassword().getPassword());
        Optional<String> stored = storedCredential.apply(user);
        Verified known = verified.get(user);
        if (known != null && stored.isPresent() && Objects.equals(known.stored(), stored.get())
                && MessageDigest.isEqual(known.digest(), digest)) {
            return Uni.createFrom().item(known.identity());
        }
        if (known != null) {
            verified.remove(user);
        }
        return realm.authenticate(request, context).invoke(identity -> {
            if (identity != null && !identity.isAnonymous() && stored.isPresent()) {
                verified.put(user, new Verified(digest, stored.get(), withoutCredentials(identity)));
            }
        });
    }

    /** The realm's identity carries the request's password; the remembered one does not. */
    private static SecurityIdentity withoutCredentials(SecurityIdentity identity) {
        return QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal()).addRoles(identity.getRoles())
                .addAttributes(identity.getAttributes()).build();
    }

    private byte[] digest(String user, char[] password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            sha.update(bytes.duplicate());
            Arrays.fill(bytes.array(), (byte) 0);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Remembered users, for tests. */
    int size(Instant now) {
        return verified.size(now);
    }
}
