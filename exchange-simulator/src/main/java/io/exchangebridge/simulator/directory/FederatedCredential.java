package io.exchangebridge.simulator.directory;

import java.security.PublicKey;

/**
 * A federated identity credential: the app trusts JWTs of an external issuer (e.g. a Kubernetes service-account token
 * for workload identity) as client assertions.
 *
 * @param issuer
 *            the {@code iss} the assertion must carry
 * @param subject
 *            the {@code sub} the assertion must carry, e.g. {@code system:serviceaccount:ns:name}
 * @param audience
 *            the {@code aud} the assertion must contain, normally {@code api://AzureADTokenExchange}
 * @param signingKey
 *            the issuer's public key; {@code null}: the key is looked up like Entra does, in the JWKS named by the
 *            issuer's {@code /.well-known/openid-configuration} ({@code jwks_uri}), by the assertion's {@code kid}
 */
public record FederatedCredential(String issuer, String subject, String audience, PublicKey signingKey) {

    public static final String DEFAULT_AUDIENCE = "api://AzureADTokenExchange";
}
