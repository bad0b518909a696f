package io.exchangebridge.credential.credential;

import java.util.Arrays;
import java.util.Optional;

/** The OAuth 2.0 grant a credential obtains tokens with. */
public enum GrantType {
    /** Application permissions: a token for the app itself, no user, no refresh token. */
    CLIENT_CREDENTIALS("client_credentials"),
    /** Delegated permissions: a user consents once, then the refresh token is kept alive and rotated. */
    AUTHORIZATION_CODE("authorization_code");

    private final String wire;

    GrantType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<GrantType> of(String wire) {
        return Arrays.stream(values()).filter(g -> g.wire.equals(wire)).findFirst();
    }
}
