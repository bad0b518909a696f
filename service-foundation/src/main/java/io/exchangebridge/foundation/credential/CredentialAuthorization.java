package io.exchangebridge.foundation.credential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The {@code Authorization} header {@link CredentialClient} sends, per {@code credential-client.auth}. Made once at
 * start, which is where a mode without its settings fails, naming the missing key. Header values are never logged and
 * never part of a failure's text.
 */
sealed interface CredentialAuthorization {

    /** The quarkus-oidc-client named client of {@code auth=oidc-client}. */
    String OIDC_CLIENT = "credential-service";

    /** The value of the {@code Authorization} header of the next request. */
    String header();

    /** The credential-service answered 401: a cached bearer token is dropped so that the next request gets another. */
    default void refused() {
    }

    /** What to give whom so that the credential-service lets this service in: the end of {@code AccessDenied}. */
    String remedy();

    /**
     * The authorization of {@code config.auth()}, checked: {@code property} reads other configuration (the named OIDC
     * client's keys), {@code clients} is asked for only in {@code oidc-client} mode.
     */
    static CredentialAuthorization of(CredentialClientConfig config, Function<String, Optional<String>> property,
            Supplier<OidcClients> clients, ObjectMapper json) {
        return switch (config.auth()) {
            case BASIC -> Basic.of(config);
            case TOKEN_FILE -> TokenFile.of(config.tokenFile(), json);
            case OIDC_CLIENT -> OidcClientToken.of(property, clients, config.timeout());
        };
    }

    /**
     * HTTP Basic with the configured user; without a password no header at all (the credential-service answers 401).
     */
    record Basic(String username, String header) implements CredentialAuthorization {

        static Basic of(CredentialClientConfig config) {
            return new Basic(config.username(), config.password()
                    .map(password -> "Basic " + Base64.getEncoder().encodeToString(
                            (config.username() + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .orElse(null));
        }

        @Override
        public String remedy() {
            return "give user '" + username + "' the role token-client and access to the credential, and check "
                    + "credential-client.username and credential-client.password.";
        }

        @Override
        public String toString() {
            return "Basic[" + username + "]";
        }
    }

    /**
     * The content of a file as a bearer token: a projected service-account token. Read again whenever the file's
     * modification time or size changes (the kubelet writes a new file and swaps a symlink well before the old token
     * expires), so a rotated token is sent from the next request on.
     */
    final class TokenFile implements CredentialAuthorization {
        private record Read(FileTime modified, long size, String token) {
        }

        private final Path file;
        private final ObjectMapper json;
        private final ReentrantLock lock = new ReentrantLock();
        private Read last;

        private TokenFile(Path file, ObjectMapper json) {
            this.file = file;
            this.json = json;
        }

        static TokenFile of(Path file, ObjectMapper json) {
            TokenFile tokenFile = new TokenFile(file, json);
            try {
                tokenFile.current();
            } catch (IOException | IllegalStateException e) {
                throw new ConfigurationException("credential-client.auth=token-file, but the token file "
                        + "credential-client.token-file=" + file + " " + describe(e) + ". Mount the projected "
                        + "service-account token there (audience exchange-bridge, deploy/README.md) or set "
                        + "credential-client.token-file.");
            }
            return tokenFile;
        }

        @Override
        public String header() {
            try {
                return "Bearer " + current();
            } catch (IOException | IllegalStateException e) {
                Log.warnf("The service-account token file %s %s", file, describe(e));
                throw new CredentialFailure.Unavailable(
                        "The service-account token file " + file + " cannot be read now.", null);
            }
        }

        @Override
        public String remedy() {
            String principal = subject().orElse("system:serviceaccount:<namespace>:<service account>");
            return "give the service account " + principal + " the role token-client (bridge-auth.principal-roles.\""
                    + principal + "\"=token-client) and access to the credential (credential.clients.\"" + principal
                    + "\".credentials) at the credential-service, and check that its token file " + file
                    + " has the audience exchange-bridge.";
        }

        private String current() throws IOException {
            lock.lock();
            try {
                FileTime modified = Files.getLastModifiedTime(file);
                long size = Files.size(file);
                if (last == null || !last.modified().equals(modified) || last.size() != size) {
                    String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
                    if (token.isEmpty()) {
                        throw new IllegalStateException("is empty");
                    }
                    last = new Read(modified, size, token);
                }
                return last.token();
            } finally {
                lock.unlock();
            }
        }

        /** The token's {@code sub}, read without verifying (only to name the principal in a message). */
        private Optional<String> subject() {
            try {
                String[] parts = current().split("\\.");
                JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
                return Optional.ofNullable(claims.path("sub").textValue());
            } catch (RuntimeException | IOException e) {
                return Optional.empty();
            }
        }

        private static String describe(Exception e) {
            return e instanceof IllegalStateException
                    ? e.getMessage()
                    : "cannot be read (" + e.getClass().getSimpleName() + ")";
        }

        @Override
        public String toString() {
            return "TokenFile[" + file + "]";
        }
    }

    /**
     * A bearer token of the quarkus-oidc-client named client {@value #OIDC_CLIENT}, kept until a minute before it
     * expires or until the credential-service refuses it. quarkus-oidc-client makes the token request: client
     * credentials with {@code credentials.secret}, or with the client assertion it reads from
     * {@code credentials.jwt.token-path} ({@code credentials.jwt.source=bearer}, the AKS workload identity token).
     */
    final class OidcClientToken implements CredentialAuthorization {
        static final String PREFIX = "quarkus.oidc-client." + OIDC_CLIENT + ".";
        private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);
        private static final List<String> CREDENTIALS = List.of("credentials.secret",
                "credentials.client-secret.value", "credentials.jwt.token-path", "credentials.jwt.secret",
                "credentials.jwt.key", "credentials.jwt.key-file", "credentials.jwt.key-store-file");

        private final Supplier<OidcClients> clients;
        private final Duration timeout;
        private final String clientId;
        private final Map<String, String> grantParameters;
        private final ReentrantLock lock = new ReentrantLock();
        private Tokens tokens;

        private OidcClientToken(Supplier<OidcClients> clients, Duration timeout, String clientId,
                Map<String, String> grantParameters) {
            this.clients = clients;
            this.timeout = timeout;
            this.clientId = clientId;
            this.grantParameters = grantParameters;
        }

        static OidcClientToken of(Function<String, Optional<String>> property, Supplier<OidcClients> clients,
                Duration timeout) {
            List<String> missing = new ArrayList<>();
            Optional<String> clientId = property.apply(PREFIX + "client-id");
            if (clientId.isEmpty()) {
                missing.add(PREFIX + "client-id");
            }
            if (property.apply(PREFIX + "auth-server-url").isEmpty() && property.apply(PREFIX + "token-path")
                    .isEmpty()) {
                missing.add(PREFIX + "auth-server-url (or an absolute " + PREFIX + "token-path)");
            }
            if (CREDENTIALS.stream().allMatch(key -> property.apply(PREFIX + key).isEmpty())) {
                missing.add(PREFIX + "credentials.secret, or " + PREFIX + "credentials.jwt.source=bearer with "
                        + PREFIX + "credentials.jwt.token-path");
            }
            if (!missing.isEmpty()) {
                throw new ConfigurationException("credential-client.auth=oidc-client, but the OIDC client '"
                        + OIDC_CLIENT + "' lacks " + String.join("; ", missing) + " (deploy/README.md).");
            }
            if (property.apply(PREFIX + "client-enabled").map("false"::equalsIgnoreCase).orElse(false)) {
                throw new ConfigurationException("credential-client.auth=oidc-client, but " + PREFIX
                        + "client-enabled=false.");
            }
            Optional<String> assertion = property.apply(PREFIX + "credentials.jwt.token-path");
            if (assertion.isPresent()) {
                if (!property.apply(PREFIX + "credentials.jwt.source").map("bearer"::equalsIgnoreCase).orElse(false)) {
                    throw new ConfigurationException("credential-client.auth=oidc-client: " + PREFIX
                            + "credentials.jwt.token-path is set, so set " + PREFIX
                            + "credentials.jwt.source=bearer to send the file as the client assertion.");
                }
                if (!Files.isReadable(Path.of(assertion.get()))) {
                    throw new ConfigurationException("credential-client.auth=oidc-client, but the client assertion "
                            + "file " + PREFIX + "credentials.jwt.token-path=" + assertion.get() + " cannot be read. "
                            + "On AKS: the pod label azure.workload.identity/use=\"true\" and the service account's "
                            + "annotation azure.workload.identity/client-id make the webhook mount it.");
                }
            }
            // With a client assertion quarkus-oidc-client sends no client_id; Entra needs it to find the app whose
            // federated credential trusts the assertion (AADSTS700016 without it).
            return new OidcClientToken(clients, timeout, clientId.get(),
                    assertion.isPresent() ? Map.of("client_id", clientId.get()) : Map.of());
        }

        @Override
        public String header() {
            lock.lock();
            try {
                if (tokens == null || expiresSoon(tokens)) {
                    tokens = fetch();
                }
                return "Bearer " + tokens.getAccessToken();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void refused() {
            lock.lock();
            try {
                tokens = null;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public String remedy() {
            return "give the app " + clientId + " (OIDC client '" + OIDC_CLIENT + "') the app role Bridge.Token "
                    + "on the Exchange Bridge API and access to the credential (credential.clients.\"" + clientId
                    + "\".credentials) at the credential-service.";
        }

        private Tokens fetch() {
            try {
                OidcClient client = clients.get().getClient(OIDC_CLIENT);
                return client.getTokens(grantParameters).await().atMost(timeout);
            } catch (RuntimeException e) {
                // The OIDC client's messages carry the provider's error (AADSTS...), never a token or secret.
                Log.warnf("No token for the credential-service from OIDC client '%s': %s: %s", OIDC_CLIENT,
                        e.getClass().getSimpleName(), e.getMessage());
                throw new CredentialFailure.Unavailable("This service cannot get its token for the "
                        + "credential-service from its OIDC provider (OIDC client '" + OIDC_CLIENT + "').", null);
            }
        }

        private static boolean expiresSoon(Tokens tokens) {
            Long expiresAt = tokens.getAccessTokenExpiresAt();
            return expiresAt != null
                    && Instant.ofEpochSecond(expiresAt).isBefore(Instant.now().plus(RENEW_BEFORE));
        }

        @Override
        public String toString() {
            return "OidcClientToken[" + OIDC_CLIENT + "]";
        }
    }
}
