package io.exchangebridge.simulator.entra;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to one authorize request: a page ({@code html}) or a redirect ({@code location}), and what happened, for
 * the request log.
 */
record AuthorizeOutcome(String step, String appId, String upn, int status, String html, String location) {

    static AuthorizeOutcome page(int status, String html, String step, String appId, String upn) {
        return new AuthorizeOutcome(step, appId, upn, status, html, null);
    }

    /** An OAuth error sent back to the client's redirect URI. */
    static AuthorizeOutcome redirectWithError(Map<String, String> params, String error, String description,
            String step, String appId, String upn) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("error", error);
        answer.put("error_description", description);
        answer.put("error_uri", "https://login.microsoftonline.com/error?code=" + description.replaceAll(
                "^AADSTS(\\d+).*", "$1"));
        answer.put("state", params.get("state"));
        return redirect(params, answer, step, appId, upn);
    }

    /**
     * {@code answer} (null values left out) sent to the request's redirect URI: in its query, or as an auto-submitted
     * form for {@code response_mode=form_post}.
     */
    static AuthorizeOutcome redirect(Map<String, String> params, Map<String, String> answer, String step, String appId,
            String upn) {
        answer.values().removeIf(v -> v == null);
        String redirectUri = params.get("redirect_uri");
        if ("form_post".equals(params.get("response_mode"))) {
            return page(200, SignInPages.formPost(redirectUri, answer), step, appId, upn);
        }
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        answer.forEach((name, value) -> location.append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        location.setLength(location.length() - 1);
        return new AuthorizeOutcome(step, appId, upn, 302, null, location.toString());
    }
}
