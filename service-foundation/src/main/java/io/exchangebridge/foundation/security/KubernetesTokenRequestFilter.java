package io.exchangebridge.foundation.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.TenantFeature;
import io.quarkus.oidc.common.OidcEndpoint;
import io.quarkus.oidc.common.OidcEndpoint.Type;
import io.quarkus.oidc.common.OidcRequestFilter;
import io.vertx.core.http.HttpHeaders;

/**
 * The Kubernetes API server serves its issuer discovery and JWKS only to authenticated callers (unless the cluster
 * binds {@code system:service-account-issuer-discovery} to anonymous users): quarkus-oidc's own request-filter hook,
 * bound to tenant {@code k8s} and to those two endpoints, sends this pod's service-account token
 * ({@code bridge-auth.kubernetes.token-file}) as bearer when the file exists. The file is read on every request because
 * the kubelet rotates it; the requests are rare (start and key rotation).
 */
@ApplicationScoped
@Unremovable
@TenantFeature("k8s")
@OidcEndpoint({Type.DISCOVERY, Type.JWKS})
public class KubernetesTokenRequestFilter implements OidcRequestFilter {

    private static final Logger LOG = Logger.getLogger(KubernetesTokenRequestFilter.class);

    @Inject
    BridgeAuthConfig config;

    @Override
    public void filter(OidcRequestContext context) {
        Path file = config.kubernetes().tokenFile();
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            String token = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!token.isEmpty()) {
                context.request().putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + token);
            }
        } catch (IOException e) {
            LOG.warnf("Cannot read the service-account token %s: %s", file, e.getMessage());
        }
    }
}
