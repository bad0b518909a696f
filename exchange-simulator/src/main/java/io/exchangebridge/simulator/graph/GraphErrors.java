package io.exchangebridge.simulator.graph;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.simulator.limits.SendingLimits;

/** Graph's error codes and messages, as the real service words them, and its error JSON. */
final class GraphErrors {

    private static final DateTimeFormatter INNER_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private GraphErrors() {
    }

    static GraphException emptyToken() {
        return invalidToken("Access token is empty.");
    }

    static GraphException invalidToken(String message) {
        return new GraphException(401, "InvalidAuthenticationToken", message);
    }

    static GraphException invalidAudience() {
        return invalidToken("Access token validation failure. Invalid audience.");
    }

    static GraphException accessDenied() {
        return new GraphException(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
    }

    static GraphException sendAsDenied() {
        return new GraphException(403, "ErrorSendAsDenied",
                "The user account which was used to submit this request does not have the right to send mail on"
                        + " behalf of the specified sending account., Cannot submit message.");
    }

    static GraphException itemNotFound() {
        return new GraphException(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    }

    static GraphException idMalformed() {
        return new GraphException(400, "ErrorInvalidIdMalformed", "Id is malformed.");
    }

    static GraphException invalidUser(String user) {
        return new GraphException(404, "ErrorInvalidUser", "The requested user '" + user + "' is invalid.");
    }

    static GraphException meNeedsDelegatedToken() {
        return new GraphException(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
    }

    /** Graph's real code has no "Error" prefix here, unlike most Exchange codes. */
    static GraphException restDisabled() {
        return new GraphException(404, "MailboxNotEnabledForRESTAPI",
                "The mailbox is either inactive, soft-deleted, or is hosted on-premise.");
    }

    static GraphException messageSizeExceeded() {
        return new GraphException(400, "ErrorMessageSizeExceeded", "The message exceeds the maximum supported size.");
    }

    /** Graph documents 507 Insufficient Storage for a full mailbox. */
    static GraphException quotaExceeded() {
        return new GraphException(507, "ErrorQuotaExceeded", "Mailbox has exceeded maximum mailbox size.");
    }

    static GraphException requestTooLarge() {
        return new GraphException(413, "BadRequest", "The maximum request length supported is 4MB.");
    }

    /** Exchange's OData layer maps ErrorAttachmentSizeLimitExceeded to 400. */
    static GraphException attachmentTooLarge(String message) {
        return new GraphException(400, "ErrorAttachmentSizeLimitExceeded", message);
    }

    /**
     * Over a recipient limit. Per message: Exchange's resolver refuses with 5.5.3 RESOLVER.ADR.RecipLimit; per day:
     * EWS's ErrorSubmissionQuotaExceeded with its documented text; the tenant's external rate (TERRL): the same code
     * with the text of NDR 5.7.233. The statuses are not documented for Graph (see the README).
     */
    static GraphException recipientLimit(SendingLimits.Refusal refusal, int perMessage) {
        return switch (refusal) {
            case TOO_MANY_RECIPIENTS -> new GraphException(400, "ErrorInvalidRecipients",
                    "The message has too many recipients: at most " + perMessage
                            + " are allowed in To, Cc and Bcc. RESOLVER.ADR.RecipLimit; too many recipients");
            case MAILBOX_RECIPIENT_RATE -> new GraphException(429, "ErrorSubmissionQuotaExceeded",
                    "The message couldn't be sent because the sender's submission quota was exceeded. Please try"
                            + " again later.");
            case TENANT_EXTERNAL_RECIPIENT_RATE -> new GraphException(429, "ErrorSubmissionQuotaExceeded",
                    "Your message can't be sent because your tenant has exceeded its daily limit for sending email to"
                            + " external recipients (tenant external recipient rate limit).");
        };
    }

    static GraphException invalidRecipients() {
        return new GraphException(400, "ErrorInvalidRecipients", "At least one recipient is not valid.");
    }

    static GraphException invalidMimeBase64() {
        return new GraphException(400, "ErrorMimeContentInvalidBase64String",
                "Invalid base64 string for MIME content.");
    }

    static GraphException folderExists() {
        return new GraphException(409, "ErrorFolderExists", "A folder with the specified name already exists.");
    }

    static GraphException syncStateNotFound() {
        return new GraphException(410, "SyncStateNotFound",
                "The sync state generation is not found; generation=0;[highest=1].");
    }

    static GraphException invalidFilter(String detail) {
        return new GraphException(400, "ErrorInvalidUrlQueryFilter",
                "The query filter contains one or more invalid nodes. " + detail);
    }

    static GraphException unknownProperty(String property) {
        return new GraphException(400, "RequestBroker--ParseUri",
                "Could not find a property named '" + property + "' on type 'microsoft.graph.message'.");
    }

    static GraphException badRequest(String message) {
        return new GraphException(400, "BadRequest", message);
    }

    static GraphException unknownSegment(String segment) {
        return badRequest("Resource not found for the segment '" + segment + "'.");
    }

    static GraphException unsupportedMethod() {
        return new GraphException(405, "ErrorInvalidRequest", "The OData request is not supported.");
    }

    static GraphException throttled(String limit, Map<String, String> headers) {
        return new GraphException(429, "ApplicationThrottled", "Application is over its " + limit + " limit.",
                headers);
    }

    /** The transient server errors Graph answers under load. */
    static GraphException serverError(int status, Map<String, String> headers) {
        return switch (status) {
            case 503 -> new GraphException(503, "ServiceUnavailable",
                    "The service is temporarily unavailable. Please retry later.", headers);
            case 504 -> new GraphException(504, "UnknownError", "", headers);
            default -> new GraphException(status, "ErrorInternalServerError",
                    "An internal server error occurred. The operation failed.", headers);
        };
    }

    /** {@code {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}}. */
    static ObjectNode body(GraphException e, String requestId, String clientRequestId, Instant now) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", e.code());
        error.put("message", e.getMessage());
        ObjectNode inner = error.putObject("innerError");
        inner.put("date", INNER_DATE.format(now.truncatedTo(ChronoUnit.SECONDS)));
        inner.put("request-id", requestId);
        inner.put("client-request-id", clientRequestId);
        return root;
    }
}
