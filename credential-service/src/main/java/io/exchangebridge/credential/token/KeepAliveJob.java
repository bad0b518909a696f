package io.exchangebridge.credential.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.credential.CredentialEntity;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Refreshes every delegated credential at least once per {@code credential.keep-alive.max-age} (a day by default) so
 * that no refresh token ages out of Entra's inactivity window (AADSTS700082) when nobody asks for tokens. Each
 * credential's deadline is shortened by a random jitter, so that credentials consented together do not all refresh at
 * once. Safe with several replicas: {@link TokenService#keepAlive} locks the row and looks again.
 */
@ApplicationScoped
public class KeepAliveJob {

    private final TokenService tokens;
    private final CredentialConfig config;

    public KeepAliveJob(TokenService tokens, CredentialConfig config) {
        this.tokens = tokens;
        this.config = config;
    }

    @Scheduled(every = "${credential.keep-alive.interval}", delayed = "${credential.keep-alive.initial-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (config.keepAlive().enabled()) {
            runOnce();
        }
    }

    /** @return how many credentials were refreshed */
    public int runOnce() {
        Duration maxAge = config.keepAlive().maxAge();
        Instant due = Instant.now().minus(maxAge).plus(config.keepAlive().jitter());
        List<String> ids = QuarkusTransaction.requiringNew().call(() -> CredentialEntity
                .<CredentialEntity>list("grantType = 'authorization_code' and refreshTokenEnc is not null"
                        + " and status in ('ACTIVE', 'TRANSIENT_ERROR') and (refreshTokenAt is null or refreshTokenAt < ?1)",
                        due)
                .stream().map(c -> c.id).toList());
        int refreshed = 0;
        for (String id : ids) {
            long jitterMillis = config.keepAlive().jitter().toMillis();
            Duration threshold = maxAge
                    .minusMillis(jitterMillis == 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterMillis + 1));
            try {
                if (tokens.keepAlive(id, threshold)) {
                    refreshed++;
                }
            } catch (RuntimeException e) {
                Log.warnf("Keep-alive of credential %s failed: %s", id, e.getClass().getSimpleName());
            }
        }
        return refreshed;
    }
}
