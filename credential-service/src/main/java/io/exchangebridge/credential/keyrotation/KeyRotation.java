package io.exchangebridge.credential.keyrotation;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;

import io.exchangebridge.credential.consent.ConsentStateEntity;
import io.exchangebridge.credential.credential.CredentialEntity;
import io.exchangebridge.credential.credential.CredentialService;
import io.exchangebridge.credential.crypto.SecretCipher;
import io.exchangebridge.credential.token.AccessTokenEntity;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Re-encrypts every stored secret under the active key at start. Rotation without downtime: add the new key, make it
 * active and keep the old one configured; each instance reads both, and the first to start re-encrypts (row by row,
 * under the row lock, so replicas starting together do not clash). Remove the old key once all instances run.
 */
@ApplicationScoped
public class KeyRotation {

    private final SecretCipher cipher;

    public KeyRotation(SecretCipher cipher) {
        this.cipher = cipher;
    }

    void onStart(@Observes StartupEvent event) {
        int changed = reencryptAll();
        if (changed > 0) {
            Log.infof("Re-encrypted %d stored values under key '%s'", changed, cipher.activeKeyId());
        }
    }

    /** @return the number of values re-encrypted */
    public int reencryptAll() {
        int changed = 0;
        List<String> ids = QuarkusTransaction.requiringNew()
                .call(() -> CredentialEntity.<CredentialEntity>listAll().stream().map(c -> c.id).toList());
        for (String id : ids) {
            changed += QuarkusTransaction.requiringNew().call(() -> reencryptCredential(id));
        }
        changed += QuarkusTransaction.requiringNew().call(() -> {
            int n = 0;
            for (AccessTokenEntity t : AccessTokenEntity.<AccessTokenEntity>listAll()) {
                if (!cipher.isCurrent(t.tokenEnc)) {
                    t.tokenEnc = cipher.reencrypt(t.tokenEnc,
                            AccessTokenEntity.context(t.key.credentialId(), t.key.resource()));
                    n++;
                }
            }
            for (ConsentStateEntity s : ConsentStateEntity.<ConsentStateEntity>listAll()) {
                if (!cipher.isCurrent(s.codeVerifierEnc)) {
                    s.codeVerifierEnc = cipher.reencrypt(s.codeVerifierEnc, s.context());
                    n++;
                }
            }
            return n;
        });
        return changed;
    }

    private int reencryptCredential(String id) {
        CredentialEntity c = CredentialEntity.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            return 0;
        }
        int n = 0;
        if (c.clientSecretEnc != null && !cipher.isCurrent(c.clientSecretEnc)) {
            c.clientSecretEnc = cipher.reencrypt(c.clientSecretEnc, c.context(CredentialService.CLIENT_SECRET));
            n++;
        }
        if (c.privateKeyEnc != null && !cipher.isCurrent(c.privateKeyEnc)) {
            c.privateKeyEnc = cipher.reencrypt(c.privateKeyEnc, c.context(CredentialService.PRIVATE_KEY));
            n++;
        }
        if (c.refreshTokenEnc != null && !cipher.isCurrent(c.refreshTokenEnc)) {
            c.refreshTokenEnc = cipher.reencrypt(c.refreshTokenEnc, c.context(CredentialService.REFRESH_TOKEN));
            n++;
        }
        return n;
    }
}
