package io.exchangebridge.credential.token;

import io.exchangebridge.credential.credential.CredentialStatus;

/**
 * What an Entra failure means for a credential.
 *
 * @param status
 *            the credential's new status
 * @param code
 *            the AADSTS code (e.g. {@code AADSTS700082}), or the OAuth error when Entra sent no code
 * @param explanation
 *            what a human should do, in plain words
 */
public record Classification(CredentialStatus status, String code, String explanation) {
}
