package io.exchangebridge.credential.consent;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.foundation.text.MultiLineText;

/** Entra's redirect after sign-in: public, protected by the single-use state and PKCE. */
@Path("/OAuth2Callback")
@Tag(name = "Consent")
public class CallbackResource {

    private final ConsentService consent;
    private final CredentialConfig config;
    private final ConsentNotice notice;

    public CallbackResource(ConsentService consent, CredentialConfig config, ConsentNotice notice) {
        this.consent = consent;
        this.config = config;
        this.notice = notice;
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Microsoft's redirect after sign-in; answers with a page saying what happened, or returns to the admin UI")
    public Response callback(@QueryParam("state") String state, @QueryParam("code") String code,
            @QueryParam("error") String error, @QueryParam("error_description") @MultiLineText String errorDescription,
            UriInfo uri) {
        CallbackResult r = consent.callback(state, code, error, errorDescription);
        if (r.returnToUi()) {
            // Started from the admin UI: back to the credential's page, which shows the outcome.
            UriBuilder page = config.publicUrl().map(UriBuilder::fromUri).orElseGet(uri::getBaseUriBuilder)
                    .path("ui/credentials/{id}")
                    .queryParam("consent", notice.seal(r.credentialId(), r.connected(), r.message()));
            return Response.seeOther(page.build(r.credentialId())).header("Cache-Control", "no-store")
                    .header("Referrer-Policy", "no-referrer").build();
        }
        String page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html(r.title())
                + "</title></head><body><h1>" + html(r.title()) + "</h1><p>" + html(r.message()) + "</p><p><small>"
                + html(config.installationName()) + "</small></p></body></html>";
        return Response.status(status(r.kind())).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page)
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }

    private static int status(CallbackResult.Kind kind) {
        return switch (kind) {
            case CONNECTED -> 200;
            case NOT_COMPLETED -> 400;
            case CREDENTIAL_GONE -> 404;
            case MISCONFIGURED -> 500;
            case REFUSED -> 502;
        };
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
