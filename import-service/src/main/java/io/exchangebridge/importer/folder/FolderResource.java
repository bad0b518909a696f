package io.exchangebridge.importer.folder;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.exchangebridge.importer.mail.FolderTree;

/** {@code GET /api/folders?credentialId=&mailbox=}: a mailbox's folders before an account exists ({@code admin}). */
@Path("/api/folders")
@Produces(MediaType.APPLICATION_JSON)
public class FolderResource {

    private final FolderService folders;

    public FolderResource(FolderService folders) {
        this.folders = folders;
    }

    @GET
    @RolesAllowed("admin")
    public List<FolderTree> list(@QueryParam("credentialId") String credentialId,
            @QueryParam("mailbox") String mailbox) {
        return folders.list(credentialId, mailbox);
    }
}
