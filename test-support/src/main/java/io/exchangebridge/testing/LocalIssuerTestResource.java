package io.exchangebridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Two {@link LocalIssuer}s for a service's bearer-token tests, switching its {@code k8s} and {@code entra} tenants on:
 * {@link #kubernetes()} stands in for the cluster's service-account issuer (audience {@value #AUDIENCE}) and
 * {@link #entra()} for an Entra tenant (audience {@value #API_CLIENT_ID}, the API app's client id, or
 * {@code api://exchange-bridge}). The pod's own service-account token for the cluster's discovery and JWKS requests is
 * {@link #POD_TOKEN}, in a temporary file. Use with {@code @WithTestResource(LocalIssuerTestResource.class)}.
 */
public class LocalIssuerTestResource implements QuarkusTestResourceLifecycleManager {

    /** The audience of this installation's Kubernetes service-account tokens. */
    public static final String AUDIENCE = "exchange-bridge";

    /** The Exchange Bridge API app's client id: the {@code aud} of Entra v2 access tokens for it. */
    public static final String API_CLIENT_ID = "5e0b4f1c-7d2a-4c3e-9b8f-1a2b3c4d5e6f";

    /** The calling app's client id: the {@code azp} of its Entra tokens, and so its principal name. */
    public static final String CALLING_APP_ID = "c0ffee00-1111-4222-8333-444455556666";

    /** What the pod's service-account token file holds. */
    public static final String POD_TOKEN = "pod-service-account-token";

    private static volatile LocalIssuer kubernetes;
    private static volatile LocalIssuer entra;

    private Path tokenFile;

    @Override
    public Map<String, String> start() {
        kubernetes = LocalIssuer.start();
        entra = LocalIssuer.start("/11111111-2222-3333-4444-555555555555/v2.0");
        try {
            tokenFile = Files.createTempFile("service-account", ".token");
            Files.writeString(tokenFile, POD_TOKEN + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.oidc.k8s.tenant-enabled", "true",
                "quarkus.oidc.k8s.auth-server-url", kubernetes.issuer(),
                "quarkus.oidc.entra.tenant-enabled", "true",
                "quarkus.oidc.entra.auth-server-url", entra.issuer(),
                "quarkus.oidc.entra.token.audience", API_CLIENT_ID + ",api://exchange-bridge",
                "bridge-auth.kubernetes.token-file", tokenFile.toString(),
                // These tests answer many rejected tokens from one address on purpose; the limits are not under test.
                "bridge-auth.lockout.slow-after", "1000",
                "bridge-auth.lockout.refuse-after", "1000");
    }

    @Override
    public void stop() {
        if (kubernetes != null) {
            kubernetes.close();
        }
        if (entra != null) {
            entra.close();
        }
        try {
            if (tokenFile != null) {
                Files.deleteIfExists(tokenFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cluster's issuer of the running test. */
    public static LocalIssuer kubernetes() {
        return kubernetes;
    }

    /** The Entra tenant's issuer of the running test. */
    public static LocalIssuer entra() {
        return entra;
    }

    /** A valid Entra access token of the calling app {@link #CALLING_APP_ID} for the API, with app roles. */
    public static String entraAppToken(String audience, String... roles) {
        return entra.token("sp-" + CALLING_APP_ID, audience, Duration.ofMinutes(10),
                Map.of("azp", CALLING_APP_ID, "roles", List.of(roles), "ver", "2.0"));
    }

    /** A valid Kubernetes service-account token for {@code system:serviceaccount:<namespace>:<name>}. */
    public static String serviceAccountToken(String namespace, String name) {
        return kubernetes.token("system:serviceaccount:" + namespace + ":" + name, AUDIENCE, Duration.ofMinutes(10));
    }
}
