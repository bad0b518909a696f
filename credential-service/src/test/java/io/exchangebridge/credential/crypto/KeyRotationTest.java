package io.exchangebridge.credential.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.keyrotation.KeyRotation;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A new active key with the old one still configured: stored values are re-encrypted and still readable. */
@QuarkusTest
@TestProfile(KeyRotationTest.RotatedKey.class)
@WithTestResource(PostgresTestResource.class)
class KeyRotationTest {

    /** test2 active, test1 (the key of the other tests) retired but still configured. */
    public static class RotatedKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("credential.encryption.active-key", "test2",
                    "credential.encryption.keys.test2", SecretCipherTest.K2);
        }
    }

    @Inject
    DataSource dataSource;
    @Inject
    KeyRotation rotation;
    @Inject
    SecretCipher cipher;

    @Test
    void valuesUnderTheRetiredKeyAreReencrypted() throws Exception {
        SecretCipher old = new SecretCipher(SecretCipherTest.config("test1", Map.of("test1", SecretCipherTest.K1)));
        String context = "credential/rot-1/client-secret";
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO credential (id, grant_type, tenant_id, client_id, token_url, auth_method, client_secret_enc,"
                                + " scopes, status, status_since, created_at, updated_at)"
                                + " VALUES ('rot-1', 'client_credentials', 't', 'c', 'https://login.microsoftonline.com/t/oauth2/v2.0/token',"
                                + " 'secret', ?, '{\"graph\":[]}', 'ACTIVE', ?, ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            insert.setString(1, old.encrypt("old-secret", context));
            insert.setTimestamp(2, now);
            insert.setTimestamp(3, now);
            insert.setTimestamp(4, now);
            insert.executeUpdate();
        }

        assertThat(rotation.reencryptAll()).isEqualTo(1);

        String stored = storedSecret();
        assertThat(stored).startsWith("v1.test2.");
        assertThat(cipher.decrypt(stored, context)).isEqualTo("old-secret");
        assertThat(rotation.reencryptAll()).isZero();
    }

    private String storedSecret() throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT client_secret_enc FROM credential WHERE id = 'rot-1'");
                ResultSet rs = s.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
