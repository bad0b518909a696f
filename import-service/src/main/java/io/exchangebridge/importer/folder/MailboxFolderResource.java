package io.exchangebridge.importer.folder;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.exchangebridge.importer.mail.FolderTree;
import io.exchangebridge.importer.scope.ReaderScopes;

/**
 * {@code GET /api/mailboxes/{id}/folders}: the folders of an existing account's mailbox ({@code admin}). A class of its
 * own for the same reason as {@code MailboxImportResource}: the class path {@code /api/mailboxes} would win the match.
 */
@Path("/api/mailboxes/{id}/folders")
@Produces(MediaType.APPLICATION_JSON)
public class MailboxFolderResource {

    private final FolderService folders;
    private final ReaderScopes readers;

    public MailboxFolderResource(FolderService folders, ReaderScopes readers) {
        this.folders = folders;
        this.readers = readers;
    }

    @GET
    @RolesAllowed("admin")
    public List<FolderTree> list(@PathParam("id") String id) {
        return folders.ofAccount(id, readers.current());
    }
}
