package io.exchangebridge.simulator.graph;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.simulator.graph.store.MailFolder;

/** {@code mailFolders}: list, get, childFolders, create. */
final class FolderOperations {

    private FolderOperations() {
    }

    /**
     * The children of a folder; {@code parentRef} null lists the top-level folders. Hidden folders only with
     * {@code includeHiddenFolders=true} (Microsoft Learn, "List mailFolders" and "List childFolders": "By default, this
     * operation does not return hidden folders. Use a query parameter includeHiddenFolders to include them"). Like
     * Graph, the list is one level: a client walks the tree through {@code childFolders} of each folder.
     */
    static GraphResponse list(MailContext ctx, String parentRef) {
        MailFolder parent = parentRef == null ? ctx.store().root() : ctx.folder(parentRef);
        int top = integer(ctx, "$top", ODataQuery.DEFAULT_TOP);
        int skip = integer(ctx, "$skip", 0);
        boolean includeHidden = includeHidden(ctx);
        List<MailFolder> children = ctx.store().children(parent.id(), includeHidden);
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
        JsonNode body = JsonBodies.read(ctx.request());
        JsonNode name = body.get("displayName");
        // Graph's create takes isHidden (optional, default false, fixed once set)
        boolean hidden = body.path("isHidden").asBoolean(false);
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw GraphErrors.badRequest("The folder name cannot be empty.");
        }
        try {
            MailFolder folder = ctx.store().createFolder(parent.id(), name.asText(), hidden);
            ObjectNode json = FolderJson.of(folder, ctx.store());
            json.put("@odata.context", ctx.context("mailFolders/$entity"));
            return GraphResponse.json(201, json);
        } catch (IllegalStateException e) {
            throw GraphErrors.folderExists();
        }
    }

    private static boolean includeHidden(MailContext ctx) {
        String value = ctx.request().param("includeHiddenFolders").orElse("false").trim();
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw GraphErrors.badRequest("Invalid value for includeHiddenFolders: '" + value + "'.");
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
