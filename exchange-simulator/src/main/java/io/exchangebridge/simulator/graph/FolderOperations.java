package io.exchangebridge.simulator.graph;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.simulator.graph.store.MailFolder;

/** {@code mailFolders}: list, get, childFolders, create. */
final class FolderOperations {

    private FolderOperations() {
    }

    /** The children of a folder; {@code parentRef} null lists the top-level folders. */
    static GraphResponse list(MailContext ctx, String parentRef) {
        MailFolder parent = parentRef == null ? ctx.store().root() : ctx.folder(parentRef);
        int top = integer(ctx, "$top", ODataQuery.DEFAULT_TOP);
        int skip = integer(ctx, "$skip", 0);
        List<MailFolder> children = ctx.store().children(parent.id());
        int from = Math.min(skip, children.size());
        int to = Math.min(from + top, children.size());
        List<ObjectNode> page = children.subList(from, to).stream().map(f -> FolderJson.of(f, ctx.store()))
                .toList();
        String context = parentRef == null
                ? ctx.context("mailFolders")
                : ctx.context("mailFolders('" + parentRef + "')/childFolders");
        return GraphResponse.json(200, Paging.page(ctx.request(), context, page, skip, top, children.size()));
    }

    static GraphResponse get(MailContext ctx, String ref) {
        ObjectNode json = FolderJson.of(ctx.folder(ref), ctx.store());
        json.put("@odata.context", ctx.context("mailFolders/$entity"));
        return GraphResponse.json(200, json);
    }

    /** 201 with the new folder; 409 ErrorFolderExists for a duplicate name under the same parent. */
    static GraphResponse create(MailContext ctx, String parentRef) {
        MailFolder parent = parentRef == null ? ctx.store().root() : ctx.folder(parentRef);
        JsonNode name = JsonBodies.read(ctx.request()).get("displayName");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw GraphErrors.badRequest("The folder name cannot be empty.");
        }
        try {
            MailFolder folder = ctx.store().createFolder(parent.id(), name.asText());
            ObjectNode json = FolderJson.of(folder, ctx.store());
            json.put("@odata.context", ctx.context("mailFolders/$entity"));
            return GraphResponse.json(201, json);
        } catch (IllegalStateException e) {
            throw GraphErrors.folderExists();
        }
    }

    private static int integer(MailContext ctx, String name, int fallback) {
        String value = ctx.request().param(name).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < (name.equals("$top") ? 1 : 0)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw GraphErrors.badRequest("Invalid value for " + name + ": '" + value + "'.");
        }
    }
}
