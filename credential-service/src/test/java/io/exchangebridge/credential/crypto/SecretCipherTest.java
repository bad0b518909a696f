package io.exchangebridge.credential.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.config.CredentialConfig;

/** AES-256-GCM with key ids: round trip, binding to the context, rotation, and no secret in error texts. */
class SecretCipherTest {

    static final String K1 = "GNA9d3JVpeSCgQ5iLWeVl/xfdEY/wpl1phFDkB9sM8U=";
    static final String K2 = "ZgfuHYJwvl6IGBtfE+u6AZOTkGejPJ/krRUPQ7GD6Lg=";

    @Test
    void roundTripUnderTheActiveKey() {
        SecretCipher cipher = new SecretCipher(config("k1", Map.of("k1", K1)));
        String sealed = cipher.encrypt("s3cret-value", "credential/a/client-secret");
        assertThat(sealed).startsWith("v1.k1.").doesNotContain("s3cret-value");
        assertThat(cipher.decrypt(sealed, "credential/a/client-secret")).isEqualTo("s3cret-value");
        assertThat(cipher.encrypt("s3cret-value", "credential/a/client-secret")).isNotEqualTo(sealed);
    }

    @Test
    void valueCopiedToAnotherRowDoesNotDecrypt() {
        SecretCipher cipher = new SecretCipher(config("k1", Map.of("k1", K1)));
        String sealed = cipher.encrypt("s3cret-value", "credential/a/client-secret");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "credential/b/client-secret"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("s3cret-value");
    }

    @Test
    void rotationReadsTheOldKeyAndReencryptsUnderTheNew() {
        SecretCipher before = new SecretCipher(config("k1", Map.of("k1", K1)));
        String old = before.encrypt("refresh-token-xyz", "ctx");
        SecretCipher after = new SecretCipher(config("k2", Map.of("k1", K1, "k2", K2)));
        assertThat(after.isCurrent(old)).isFalse();
        assertThat(after.decrypt(old, "ctx")).isEqualTo("refresh-token-xyz");
        String renewed = after.reencrypt(old, "ctx");
        assertThat(renewed).startsWith("v1.k2.");
        assertThat(after.isCurrent(renewed)).isTrue();
        SecretCipher onlyNew = new SecretCipher(config("k2", Map.of("k2", K2)));
        assertThat(onlyNew.decrypt(renewed, "ctx")).isEqualTo("refresh-token-xyz");
        assertThatThrownBy(() -> onlyNew.decrypt(old, "ctx")).hasMessageContaining("key 'k1'");
    }

    @Test
    void badKeysStopTheStart() {
        assertThatThrownBy(() -> new SecretCipher(config("k1", Map.of("k1", "c2hvcnQ="))))
                .hasMessageContaining("32 bytes").hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> new SecretCipher(config("missing", Map.of("k1", K1))))
                .hasMessageContaining("active-key");
    }

    static CredentialConfig config(String active, Map<String, String> keys) {
        return new CredentialConfig() {
            public Optional<java.net.URI> publicUrl() {
                return Optional.empty();
            }

            public String installationName() {
                return "test";
            }

            public List<String> allowedAuthorityHosts() {
                return List.of();
            }

            public java.net.URI defaultAuthorityHost() {
                return java.net.URI.create("https://login.microsoftonline.com");
            }

            public int secretExpiryWarningDays() {
                return 30;
            }

            public Encryption encryption() {
                return new Encryption() {
                    public String activeKey() {
                        return active;
                    }

                    public Map<String, String> keys() {
                        return keys;
                    }
                };
            }

            public Token token() {
                throw new UnsupportedOperationException();
            }

            public Consent consent() {
                return () -> Duration.ofMinutes(10);
            }

            public Webhook webhook() {
                throw new UnsupportedOperationException();
            }

            public KeepAlive keepAlive() {
                throw new UnsupportedOperationException();
            }

            public Ui ui() {
                throw new UnsupportedOperationException();
            }

            public ConsoleSignIn console() {
                return () -> false;
            }

            public Map<String, Client> clients() {
                return Map.of();
            }
        };
    }
}
