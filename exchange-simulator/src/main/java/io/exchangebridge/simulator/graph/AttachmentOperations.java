package io.exchangebridge.simulator.graph;

import java.time.Clock;
import java.util.Base64;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.simulator.graph.draft.Draft;
import io.exchangebridge.simulator.graph.draft.DraftAttachment;
import io.exchangebridge.simulator.graph.draft.UploadSession;
import io.exchangebridge.simulator.graph.store.GraphIds;
import io.exchangebridge.simulator.graph.store.StoredMessage;

/**
 * A draft's attachments: {@code POST .../attachments} (a fileAttachment under 3 MB: its base64 in a request of at most
 * 4 MB), list, get, DELETE, and {@code createUploadSession} for files of 3 MB to 150 MB (Microsoft Learn, "Attach large
 * files to Outlook messages or events"). Only drafts are simulated: the attachments of received or sent mail live in
 * their MIME ({@code $value}).
 */
final class AttachmentOperations {

    /** Graph's limit for an attachment and for a whole message. */
    static final long MAX_ATTACHMENT_BYTES = SendMailOperation.MAX_MESSAGE_BYTES;

    private final DraftOperations drafts;
    private final Clock clock;

    AttachmentOperations(DraftOperations drafts, Clock clock) {
        this.drafts = drafts;
        this.clock = clock;
    }

    GraphResponse add(MailContext ctx, String messageId) {
        if (ctx.request().body().length > SendMailOperation.MAX_REQUEST_BYTES) {
            throw GraphErrors.requestTooLarge();
        }
        StoredMessage message = ctx.message(messageId);
        Draft draft = draft(ctx, message);
        JsonNode body = JsonBodies.read(ctx.request());
        String type = body.path("@odata.type").asText("");
        if (!type.equalsIgnoreCase("#microsoft.graph.fileAttachment")) {
            throw GraphErrors.badRequest("Only #microsoft.graph.fileAttachment is simulated, not '" + type + "'.");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(body.path("contentBytes").asText(""));
        } catch (IllegalArgumentException e) {
            throw GraphErrors.badRequest("The attachment's contentBytes are not valid base64.");
        }
        checkMessageSize(draft, bytes.length);
        DraftAttachment attachment = new DraftAttachment(GraphIds.attachmentId(), body.path("name").asText(
                "attachment"), body.path("contentType").asText("application/octet-stream"), bytes,
                body.path("isInline").asBoolean(false), body.hasNonNull("contentId")
                        ? body.get("contentId").asText()
                        : null,
                clock.instant());
        draft.add(attachment);
        drafts.rebuild(ctx, message.immutableId(), draft, message.extendedProperties());
        ObjectNode json = json(attachment, true);
        json.put("@odata.context", ctx.context("messages('" + messageId + "')/attachments/$entity"));
        return GraphResponse.json(201, json);
    }

    GraphResponse list(MailContext ctx, String messageId) {
        Draft draft = draft(ctx, ctx.message(messageId));
        ObjectNode page = JsonNodeFactory.instance.objectNode();
        page.put("@odata.context", ctx.context("messages('" + messageId + "')/attachments"));
        ArrayNode value = page.putArray("value");
        // $select decides only whether the (possibly large) contentBytes come along
        boolean content = ctx.request().param("$select").map(s -> s.toLowerCase(Locale.ROOT).contains(
                "contentbytes")).orElse(true);
        draft.attachments().forEach(a -> value.add(json(a, content)));
        return GraphResponse.json(200, page);
    }

    GraphResponse get(MailContext ctx, String messageId, String attachmentId) {
        Draft draft = draft(ctx, ctx.message(messageId));
        DraftAttachment attachment = draft.attachment(attachmentId).orElseThrow(GraphErrors::itemNotFound);
        ObjectNode json = json(attachment, true);
        json.put("@odata.context", ctx.context("messages('" + messageId + "')/attachments/$entity"));
        return GraphResponse.json(200, json);
    }

    GraphResponse delete(MailContext ctx, String messageId, String attachmentId) {
        StoredMessage message = ctx.message(messageId);
        Draft draft = draft(ctx, message);
        if (!draft.remove(attachmentId)) {
            throw GraphErrors.itemNotFound();
        }
        drafts.rebuild(ctx, message.immutableId(), draft, message.extendedProperties());
        return GraphResponse.empty(204);
    }

    /** 201 with {@code uploadUrl}, {@code expirationDateTime} and {@code nextExpectedRanges: ["0"]}. */
    GraphResponse createUploadSession(MailContext ctx, String messageId) {
        StoredMessage message = ctx.message(messageId);
        Draft draft = draft(ctx, message);
        JsonNode item = JsonBodies.field(JsonBodies.read(ctx.request()), "AttachmentItem");
        if (item == null || !item.isObject()) {
            throw GraphErrors.badRequest("Required parameter 'AttachmentItem' is missing.");
        }
        if (!item.path("attachmentType").asText("file").equalsIgnoreCase("file")) {
            throw GraphErrors.badRequest("Only attachmentType 'file' is simulated.");
        }
        String name = item.path("name").asText("");
        long size = item.path("size").asLong(-1);
        if (name.isBlank() || size < 1) {
            throw GraphErrors.badRequest("The AttachmentItem needs a name and a size.");
        }
        if (size > MAX_ATTACHMENT_BYTES) {
            throw GraphErrors.attachmentTooLarge("The attachment exceeds the maximum size of 150 MB.");
        }
        checkMessageSize(draft, size);
        UploadSession session = drafts.store().openSession(ctx.mailbox().upn(), ctx.token().appId(),
                message.immutableId(), name, item.path("contentType").asText("application/octet-stream"), size,
                item.path("isInline").asBoolean(false), item.hasNonNull("contentId")
                        ? item.get("contentId").asText()
                        : null,
                clock.instant());
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("@odata.context", ctx.request().baseUrl() + "/$metadata#microsoft.graph.uploadSession");
        json.put("uploadUrl", UploadOperation.uploadUrl(ctx, messageId, session));
        json.put("expirationDateTime", MessageJson.date(session.expiresAt()));
        json.putArray("nextExpectedRanges").add("0");
        return GraphResponse.json(201, json);
    }

    /** A message may not grow beyond 150 MB with its attachments. */
    static void checkMessageSize(Draft draft, long added) {
        if (draft.attachmentBytes() + added > SendMailOperation.MAX_MESSAGE_BYTES) {
            throw GraphErrors.messageSizeExceeded();
        }
    }

    private Draft draft(MailContext ctx, StoredMessage message) {
        return drafts.store().draft(ctx.mailbox().upn(), message.immutableId()).filter(d -> message.draft())
                .orElseThrow(() -> GraphErrors.badRequest(
                        "The Exchange simulator keeps attachments of drafts only; read other messages' with $value."));
    }

    static ObjectNode json(DraftAttachment attachment, boolean withContent) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("@odata.type", "#microsoft.graph.fileAttachment");
        json.put("@odata.mediaContentType", attachment.contentType());
        json.put("id", attachment.id());
        json.put("lastModifiedDateTime", MessageJson.date(attachment.lastModified()));
        json.put("name", attachment.name());
        json.put("contentType", attachment.contentType());
        json.put("size", attachment.size());
        json.put("isInline", attachment.inline());
        if (attachment.contentId() == null) {
            json.putNull("contentId");
        } else {
            json.put("contentId", attachment.contentId());
        }
        json.putNull("contentLocation");
        if (withContent) {
            json.put("contentBytes", Base64.getEncoder().encodeToString(attachment.bytes()));
        }
        return json;
    }
}
