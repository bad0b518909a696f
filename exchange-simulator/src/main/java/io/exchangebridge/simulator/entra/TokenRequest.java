package io.exchangebridge.simulator.entra;

import java.util.Map;
import java.util.Optional;

/**
 * One token request, and what became known while answering it (for the request log, also when it failed).
 *
 * @param baseUrl
 *            how the client reached the simulator; the {@code iss} of the tokens follows it
 */
final class TokenRequest {

    final String baseUrl;
    final String tenantInPath;
    final Map<String, String> form;
    final Optional<String> authorization;
    volatile String appId = "";
    volatile String upn = "";

    TokenRequest(String baseUrl, String tenantInPath, Map<String, String> form, Optional<String> authorization) {
        this.baseUrl = baseUrl;
        this.tenantInPath = tenantInPath;
        this.form = form;
        this.authorization = authorization;
    }

    String grantType() {
        return form.getOrDefault("grant_type", "");
    }

    String required(String name) {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            throw EntraException.missingParameter(name);
        }
        return value;
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(form.get(name)).filter(v -> !v.isBlank());
    }
}
