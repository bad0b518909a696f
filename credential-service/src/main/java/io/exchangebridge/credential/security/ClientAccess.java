package io.exchangebridge.credential.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.credential.config.CredentialConfig;

/** Which credentials a token client may fetch tokens of ({@code credential.clients.<name>.credentials}). */
@ApplicationScoped
public class ClientAccess {

    private final CredentialConfig config;

    public ClientAccess(CredentialConfig config) {
        this.config = config;
    }

    public boolean allowed(String client, String credentialId) {
        var entry = config.clients().get(client);
        if (entry == null) {
            return false;
        }
        for (String pattern : entry.credentials()) {
            String p = pattern.trim();
            if (p.equals(credentialId)
                    || (p.endsWith("*") && credentialId.startsWith(p.substring(0, p.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
