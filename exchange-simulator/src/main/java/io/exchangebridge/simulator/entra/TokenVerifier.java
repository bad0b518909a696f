package io.exchangebridge.simulator.entra;

/** Verifies bearer tokens for Graph and SMTP: signature, issuer, expiry, and that the app is still enabled. */
public interface TokenVerifier {

    /**
     * @param compactJwt
     *            the token from {@code Authorization: Bearer ...} or the XOAUTH2 {@code auth=Bearer ...}
     * @return the verified token; the caller checks audience and permissions
     * @throws InvalidTokenException
     *             when the token is malformed, forged, expired or revoked
     */
    AccessToken verify(String compactJwt) throws InvalidTokenException;
}
