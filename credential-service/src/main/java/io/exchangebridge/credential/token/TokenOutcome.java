package io.exchangebridge.credential.token;

import java.time.Instant;

/** What a look-up or refresh led to; decided inside the transaction, turned into an answer after the commit. */
sealed interface TokenOutcome {

    /** A token to hand out, and when it is due for refresh. */
    record Served(TokenResponse response, Instant refreshAt, boolean fromEntra) implements TokenOutcome {
    }

    /**
     * No token. Returned rather than thrown inside the transaction, so that the credential's new status is committed
     * before the client hears of it.
     */
    record Refused(TokenFailure failure) implements TokenOutcome {
    }
}
