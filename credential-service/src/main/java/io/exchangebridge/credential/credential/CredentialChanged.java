package io.exchangebridge.credential.credential;

/** Fired when a credential was changed, re-consented or deleted: cached tokens of it must go. */
public record CredentialChanged(String credentialId) {
}
