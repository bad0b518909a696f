package io.exchangebridge.simulator.entra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.exchangebridge.simulator.directory.SimulatedDirectory;
import io.exchangebridge.simulator.directory.Tenant;

/** OpenID Connect discovery, MSAL's instance discovery, and the JWKS, shaped like Entra's v2 documents. */
final class MetadataEndpoints {

    private final SimulatedDirectory directory;
    private final SigningKey key;

    MetadataEndpoints(SimulatedDirectory directory, SigningKey key) {
        this.directory = directory;
        this.key = key;
    }

    /** {@code /{tenant}/v2.0/.well-known/openid-configuration}; a domain resolves to the tenant id like Entra does. */
    Map<String, Object> openidConfiguration(String baseUrl, String tenantInPath) {
        String tenant;
        String issuerTenant;
        if (Authorities.isMultiTenant(tenantInPath)) {
            tenant = tenantInPath;
            issuerTenant = "{tenantid}";
        } else {
            tenant = directory.findTenant(tenantInPath).map(Tenant::id)
                    .orElseThrow(() -> EntraException.tenantNotFound(tenantInPath));
            issuerTenant = tenant;
        }
        String authority = baseUrl + "/" + tenant;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("token_endpoint", authority + "/oauth2/v2.0/token");
        doc.put("token_endpoint_auth_methods_supported",
                List.of("client_secret_post", "private_key_jwt", "client_secret_basic"));
        doc.put("jwks_uri", authority + "/discovery/v2.0/keys");
        doc.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        doc.put("subject_types_supported", List.of("pairwise"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("response_types_supported", List.of("code", "id_token", "code id_token", "id_token token"));
        doc.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        doc.put("issuer", TokenIssuer.issuer(baseUrl, issuerTenant));
        doc.put("request_uri_parameter_supported", false);
        doc.put("userinfo_endpoint", baseUrl + "/oidc/userinfo");
        doc.put("authorization_endpoint", authority + "/oauth2/v2.0/authorize");
        doc.put("device_authorization_endpoint", authority + "/oauth2/v2.0/devicecode");
        doc.put("http_logout_supported", true);
        doc.put("frontchannel_logout_supported", true);
        doc.put("end_session_endpoint", authority + "/oauth2/v2.0/logout");
        doc.put("claims_supported", List.of("sub", "iss", "cloud_instance_name", "cloud_instance_host_name",
                "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce",
                "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"));
        doc.put("kerberos_endpoint", authority + "/kerberos");
        doc.put("tenant_region_scope", "EU");
        doc.put("cloud_instance_name", "microsoftonline.com");
        doc.put("cloud_graph_host_name", "graph.windows.net");
        doc.put("msgraph_host", baseUrl.replaceFirst("^https?://", ""));
        doc.put("rbac_url", "https://pas.windows.net");
        return doc;
    }

    /** {@code /common/discovery/instance}: MSAL's instance discovery, answered with the simulator as the only alias. */
    Map<String, Object> instanceDiscovery(String baseUrl, String authorizationEndpoint) {
        String host = baseUrl.replaceFirst("^https?://", "");
        String tenant = "common";
        if (authorizationEndpoint != null) {
            String[] parts = authorizationEndpoint.replaceFirst("^https?://[^/]+/", "").split("/");
            tenant = parts.length > 0 && !parts[0].isEmpty() ? parts[0] : tenant;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tenant_discovery_endpoint", baseUrl + "/" + tenant + "/v2.0/.well-known/openid-configuration");
        doc.put("api-version", "1.1");
        doc.put("metadata",
                List.of(Map.of("preferred_network", host, "preferred_cache", host, "aliases", List.of(host))));
        return doc;
    }

    String jwks() {
        return key.jwksJson();
    }
}
