package io.exchangebridge.simulator.graph;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.simulator.graph.store.MailFolder;
import io.exchangebridge.simulator.graph.store.StoredMessage;

/** Message list, get, {@code $value}, PATCH, DELETE and move. */
final class MessageOperations {

    private MessageOperations() {
    }

    /** {@code GET .../mailFolders/{f}/messages}, or every folder's messages when {@code folderRef} is null. */
    static GraphResponse list(MailContext ctx, String folderRef) {
        ODataQuery query = ODataQuery.parse(ctx.request());
        List<StoredMessage> all;
        String context;
        if (folderRef == null) {
            all = ctx.store().allMessages();
            context = ctx.context("messages");
        } else {
            MailFolder folder = ctx.folder(folderRef);
            all = ctx.store().messages(folder.id());
            context = ctx.context("mailFolders('" + folderRef + "')/messages");
        }
        List<StoredMessage> matching = all.stream().filter(query.filter()).sorted(query.order()).toList();
        int from = Math.min(query.skip(), matching.size());
        int to = Math.min(from + query.top(), matching.size());
        List<ObjectNode> page = matching.subList(from, to).stream().map(m -> json(ctx, m, query.select(),
                query.expand())).toList();
        return withPreferences(ctx, GraphResponse.json(200,
                Paging.page(ctx.request(), context, page, query.skip(), query.top(), matching.size())));
    }

    static GraphResponse get(MailContext ctx, String id) {
        StoredMessage message = ctx.message(id);
        ObjectNode json = json(ctx, message, ODataQuery.select(ctx.request()), ODataQuery.expand(ctx.request()));
        json.put("@odata.context", ctx.context("messages/$entity"));
        return withPreferences(ctx, GraphResponse.json(200, json));
    }

    /** The MIME byte-exact; Graph labels it {@code text/plain}. */
    static GraphResponse value(MailContext ctx, String id) {
        return GraphResponse.bytes(200, "text/plain", ctx.message(id).mime());
    }

    static GraphResponse patch(MailContext ctx, String id) {
        StoredMessage message = ctx.message(id);
        JsonNode body = JsonBodies.read(ctx.request());
        JsonNode isRead = body.get("isRead");
        if (isRead != null) {
            if (!isRead.isBoolean()) {
                throw GraphErrors.badRequest("Invalid value for property 'isRead'.");
            }
            message = ctx.store().markRead(message.immutableId(), isRead.booleanValue());
        }
        JsonNode importance = body.get("importance");
        if (importance != null) {
            String value = importance.asText();
            if (!List.of("low", "normal", "high").contains(value)) {
                throw GraphErrors.badRequest("Invalid value for property 'importance'.");
            }
            message = ctx.store().setImportance(message.immutableId(), value);
        }
        return withPreferences(ctx, GraphResponse.json(200, json(ctx, message, Optional.empty(), Set.of())));
    }

    static GraphResponse delete(MailContext ctx, String id) {
        ctx.store().delete(ctx.message(id).immutableId());
        return GraphResponse.empty(204);
    }

    /** 201 with the moved message; its REST id is new, its immutable id is not. */
    static GraphResponse move(MailContext ctx, String id) {
        StoredMessage message = ctx.message(id);
        JsonNode destination = JsonBodies.field(JsonBodies.read(ctx.request()), "destinationId");
        if (destination == null || !destination.isTextual() || destination.asText().isBlank()) {
            throw GraphErrors.badRequest("Value cannot be null. Parameter name: DestinationId");
        }
        MailFolder target = ctx.folder(destination.asText());
        StoredMessage moved = ctx.store().move(message.immutableId(), target.id());
        ObjectNode json = json(ctx, moved, Optional.empty(), Set.of());
        json.put("@odata.context", ctx.context("messages/$entity"));
        return withPreferences(ctx, GraphResponse.json(201, json));
    }

    static ObjectNode json(MailContext ctx, StoredMessage message, Optional<Set<String>> select,
            Set<String> expand) {
        return MessageJson.of(message, ctx.mailbox().upn(), ctx.request().immutableIds(), select, expand,
                ctx.request().textBodies());
    }

    static GraphResponse withPreferences(MailContext ctx, GraphResponse response) {
        List<String> applied = ctx.request().appliedMessagePreferences();
        return applied.isEmpty() ? response : response.withHeader("Preference-Applied", String.join(",", applied));
    }
}
