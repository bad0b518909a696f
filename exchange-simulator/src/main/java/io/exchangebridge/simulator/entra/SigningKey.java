package io.exchangebridge.simulator.entra;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

/** The RSA key Entra signs tokens with (RS256), generated at start and published at {@code discovery/v2.0/keys}. */
public final class SigningKey {

    private final RsaJsonWebKey jwk;

    private SigningKey(RsaJsonWebKey jwk) {
        this.jwk = jwk;
    }

    /**
     * The next key is generated in the background as soon as one is taken: RSA key generation takes 50 ms to a second,
     * and test suites start a simulator per test. Every simulator still gets a key of its own.
     */
    private static CompletableFuture<SigningKey> next = CompletableFuture.supplyAsync(SigningKey::create);

    public static synchronized SigningKey generate() {
        SigningKey key = next.join();
        next = CompletableFuture.supplyAsync(SigningKey::create);
        return key;
    }

    private static SigningKey create() {
        try {
            RsaJsonWebKey jwk = RsaJwkGenerator.generateJwk(2048);
            jwk.setKeyId(UUID.randomUUID().toString().replace("-", ""));
            jwk.setUse("sig");
            return new SigningKey(jwk);
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot generate the token signing key", e);
        }
    }

    public RsaJsonWebKey jwk() {
        return jwk;
    }

    public String keyId() {
        return jwk.getKeyId();
    }

    /** The JWKS document (public part only), as at {@code /{tenant}/discovery/v2.0/keys}. */
    public String jwksJson() {
        return new JsonWebKeySet(jwk).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
