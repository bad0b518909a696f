package io.exchangebridge.foundation.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    static final String KEY_A = "GNA9d3JVpeSCgQ5iLWeVl/xfdEY/wpl1phFDkB9sM8U=";
    static final String KEY_B = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    @Test
    void sealsUnderTheActiveKeyAndOpensUnderAnyConfiguredOne() {
        SecretBox old = new SecretBox(Map.of("a", KEY_A), "a", "test");
        String sealed = old.seal("whsec-very-secret", "status-webhook/app");
        assertThat(sealed).startsWith("v1.a.").doesNotContain("whsec-very-secret");
        assertThat(old.seal("whsec-very-secret", "status-webhook/app")).isNotEqualTo(sealed);
        SecretBox rotated = new SecretBox(Map.of("a", KEY_A, "b", KEY_B), "b", "test");
        assertThat(rotated.open(sealed, "status-webhook/app")).isEqualTo("whsec-very-secret");
        assertThat(rotated.seal("x", "c")).startsWith("v1.b.");
    }

    @Test
    void aValueMovedToAnotherPlaceOrTamperedWithDoesNotOpenAndErrorsHoldNoSecret() {
        SecretBox box = new SecretBox(Map.of("a", KEY_A), "a", "test");
        String sealed = box.seal("whsec-very-secret", "status-webhook/app");
        assertThatThrownBy(() -> box.open(sealed, "status-webhook/other")).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("whsec");
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> box.open(tampered, "status-webhook/app")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretBox(Map.of("a", KEY_A), "b", "test"))
                .hasMessageContaining("test.active-key 'b' is not among test.keys");
        assertThatThrownBy(() -> new SecretBox(Map.of("a", "c2hvcnQ="), "a", "test"))
                .hasMessageContaining("32 bytes");
    }
}
