package io.exchangebridge.foundation.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code credential-client.auth=token-file}: the file's content goes to the credential-service as a bearer token, and a
 * token the kubelet rotated into the file is sent from the next request on.
 */
@QuarkusTest
@QuarkusTestResource(FakeCredentialService.class)
@TestProfile(CredentialClientTokenFileTest.TokenFile.class)
class CredentialClientTokenFileTest {

    /** The same path in the profile's and the test's class loader. */
    static final Path FILE = Path.of("target", "sa-token", "token").toAbsolutePath();
    static final String SUBJECT = "system:serviceaccount:exchange-bridge:import-service";

    /** The token file mode, with a projected-token-like file. */
    public static class TokenFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            write(token(1), Instant.now().minusSeconds(60));
            return Map.of("credential-client.auth", "token-file", "credential-client.token-file", FILE.toString());
        }
    }

    @Inject
    CredentialClient client;

    private static int credential;

    @BeforeEach
    void fresh() {
        FakeCredentialService.reset();
    }

    @Test
    void sendsTheFileAsBearerAndNoBasic() {
        client.token("file-" + (++credential), "graph");
        assertThat(FakeCredentialService.RECEIVED).singleElement()
                .satisfies(r -> assertThat(r.authorization()).isEqualTo("Bearer " + token(1)));
    }

    @Test
    void aRotatedTokenIsSentFromTheNextRequestOn() {
        client.token("file-" + (++credential), "graph");
        // The kubelet writes the new token (same length) a little later: a new modification time.
        write(token(2), Instant.now());
        client.token("file-" + (++credential), "graph");
        assertThat(FakeCredentialService.RECEIVED).extracting(FakeCredentialService.Received::authorization)
                .containsExactly("Bearer " + token(1), "Bearer " + token(2));
        write(token(1), Instant.now().minusSeconds(60));
    }

    @Test
    void aRefusalNamesTheServiceAccountToGiveAccessTo() {
        FakeCredentialService.ANSWER.set(new FakeCredentialService.Answer(403, "", Map.of()));
        assertThatThrownBy(() -> client.token("file-" + (++credential), "graph"))
                .isInstanceOf(CredentialFailure.AccessDenied.class)
                .hasMessageContaining("service account " + SUBJECT)
                .hasMessageContaining("bridge-auth.principal-roles.\"" + SUBJECT + "\"=token-client")
                .hasMessageContaining("credential.clients.\"" + SUBJECT + "\".credentials")
                .hasMessageNotContaining("eyJ");
    }

    /** A token shaped like a projected service-account token (not signed: the fake checks nothing). */
    static String token(int n) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + SUBJECT + "\",\"aud\":[\"exchange-bridge\"],\"n\":" + n + "}")
                        .getBytes(StandardCharsets.UTF_8))
                + ".c2ln";
    }

    static void write(String content, Instant modified) {
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, content);
            Files.setLastModifiedTime(FILE, FileTime.from(modified));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
