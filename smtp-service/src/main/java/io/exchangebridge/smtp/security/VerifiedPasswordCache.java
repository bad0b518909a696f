package io.exchangebridge.smtp.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.elytron.security.runtime.ElytronPasswordIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * HTTP Basic for the REST API, in front of Elytron's embedded users: a user and password that Elytron accepted are
 * remembered for a few minutes as a salted SHA-256 (random salt per process, never logged), with the identity. A
 * repeated request is then answered on the event loop, without Elytron's digest check and the hop to a worker thread it
 * needs. Wrong passwords are never remembered: each goes to Elytron. Embedded users only change with a restart.
 */
@ApplicationScoped
public class VerifiedPasswordCache implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    static final Duration TTL = Duration.ofMinutes(5);

    private final ElytronPasswordIdentityProvider elytron;
    private final byte[] salt = new byte[32];
    private final Cache<String, Verified> verified = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(1_000)
            .build();

    private record Verified(byte[] digest, SecurityIdentity identity) {
    }

    public VerifiedPasswordCache(ElytronPasswordIdentityProvider elytron) {
        this.elytron = elytron;
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /** Asked before Elytron's provider, which has the default priority. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String user = request.getUsername();
        byte[] digest = digest(user, request.getPassword().getPassword());
        Verified known = verified.getIfPresent(user);
        if (known != null && MessageDigest.isEqual(known.digest(), digest)) {
            return Uni.createFrom().item(known.identity());
        }
        return elytron.authenticate(request, context).invoke(identity -> {
            if (identity != null && !identity.isAnonymous()) {
                verified.put(user, new Verified(digest, withoutCredentials(identity)));
            }
        });
    }

    /** Elytron's identity carries the request's password; the remembered one does not. */
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
}
