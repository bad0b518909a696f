package io.exchangebridge.simulator.graph;

import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.simulator.graph.draft.Draft;
import io.exchangebridge.simulator.graph.draft.DraftAttachment;
import io.exchangebridge.simulator.graph.draft.DraftStore;
import io.exchangebridge.simulator.graph.store.MailFolder;
import io.exchangebridge.simulator.graph.store.StoredMessage;

/**
 * Drafts: {@code POST .../messages} creates one (in Drafts, or the folder of the URL), PATCH changes it, DELETE removes
 * it, {@code POST .../messages/{id}/send} sends it like sendMail and moves it to Sent Items. The stored message's MIME
 * is rebuilt from the written resource at every change, so GET and {@code $value} show the draft as it stands.
 */
final class DraftOperations {

    /** The properties a draft's resource keeps (Graph's writable message properties that shape the MIME). */
    static final Set<String> WRITABLE = Set.of("subject", "body", "toRecipients", "ccRecipients", "bccRecipients",
            "replyTo", "from", "importance", "internetMessageHeaders", "internetMessageId");

    private final DraftStore drafts;
    private final SendMailOperation sendMail;
    private final Clock clock;

    DraftOperations(DraftStore drafts, SendMailOperation sendMail, Clock clock) {
        this.drafts = drafts;
        this.sendMail = sendMail;
        this.clock = clock;
    }

    DraftStore store() {
        return drafts;
    }

    /** 201 with the new draft; {@code folderRef} null means Drafts. */
    GraphResponse create(MailContext ctx, String folderRef) {
        if (ctx.request().body().length > SendMailOperation.MAX_REQUEST_BYTES) {
            throw GraphErrors.requestTooLarge();
        }
        JsonNode body = JsonBodies.read(ctx.request());
        MailFolder folder = ctx.folder(folderRef == null ? "drafts" : folderRef);
        ObjectNode resource = writable(body);
        List<DraftAttachment> attachments = SendMailMime.attachments(body, clock.instant());
        Map<String, String> properties = ExtendedProperties.of(body);
        byte[] mime = SendMailMime.build(resource, attachments, ctx.mailbox(), clock.instant());
        StoredMessage message = ctx.store().add(folder.id()).read(true).draft(true).extendedProperties(properties)
                .mime(mime);
        Draft draft = drafts.create(ctx.mailbox().upn(), message.immutableId(), resource);
        attachments.forEach(draft::add);
        return created(ctx, message);
    }

    /** PATCH: a draft's content, or (any message) isRead and importance. */
    GraphResponse patch(MailContext ctx, String id) {
        StoredMessage message = ctx.message(id);
        Optional<Draft> draft = drafts.draft(ctx.mailbox().upn(), message.immutableId());
        JsonNode body = JsonBodies.read(ctx.request());
        ObjectNode changes = writable(body);
        boolean content = !changes.isEmpty() || JsonBodies.field(body, "singleValueExtendedProperties") != null;
        if (content && draft.isEmpty()) {
            throw GraphErrors.badRequest("Only a draft's subject, body and recipients can be changed.");
        }
        if (content) {
            draft.get().patch(changes);
            rebuild(ctx, message.immutableId(), draft.get(), ExtendedProperties.merge(
                    message.extendedProperties(), body));
        }
        return MessageOperations.patch(ctx, id);
    }

    GraphResponse delete(MailContext ctx, String id) {
        StoredMessage message = ctx.message(id);
        drafts.forget(ctx.mailbox().upn(), message.immutableId());
        return MessageOperations.delete(ctx, id);
    }

    /** 202: the draft leaves as sendMail would send it, and moves to Sent Items with the MIME that left. */
    GraphResponse send(MailContext ctx, String id) {
        StoredMessage message = ctx.message(id);
        Draft draft = drafts.draft(ctx.mailbox().upn(), message.immutableId()).filter(d -> message.draft())
                .orElseThrow(() -> GraphErrors.badRequest("Only a draft can be sent."));
        byte[] mime = SendMailMime.build(draft.resource(), draft.attachments(), ctx.mailbox(), clock.instant());
        sendMail.submit(ctx, mime, "draft", true, sent -> ctx.store().draftSent(message.immutableId(), sent));
        drafts.forget(ctx.mailbox().upn(), message.immutableId());
        return GraphResponse.empty(202);
    }

    /** The draft's MIME again, after its resource or attachments changed. */
    StoredMessage rebuild(MailContext ctx, String messageId, Draft draft, Map<String, String> properties) {
        byte[] mime = SendMailMime.build(draft.resource(), draft.attachments(), ctx.mailbox(), clock.instant());
        return ctx.store().updateDraft(messageId, mime, properties);
    }

    private static GraphResponse created(MailContext ctx, StoredMessage message) {
        ObjectNode json = MessageOperations.json(ctx, message, Optional.empty(), ODataQuery.expand(ctx.request()));
        json.put("@odata.context", ctx.context("messages/$entity"));
        return MessageOperations.withPreferences(ctx, GraphResponse.json(201, json));
    }

    /** The writable properties of a request body under their canonical names; others are ignored as Graph does. */
    private static ObjectNode writable(JsonNode body) {
        ObjectNode resource = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            WRITABLE.stream().filter(w -> w.equalsIgnoreCase(field.getKey())).findFirst()
                    .ifPresent(name -> resource.set(name, field.getValue()));
        }
        return resource;
    }
}
