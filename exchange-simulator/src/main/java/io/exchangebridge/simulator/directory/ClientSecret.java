package io.exchangebridge.simulator.directory;

import java.time.Instant;

/**
 * A client secret of an app registration.
 *
 * @param id
 *            the secret's id (Entra shows it beside the value; sending it instead of the value is a classic mistake)
 * @param value
 *            the secret value the client sends
 * @param expiresAt
 *            after this instant Entra answers AADSTS7000222
 */
public record ClientSecret(String id, String value, Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
