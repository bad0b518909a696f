package io.exchangebridge.credential.ui.mailbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;

import io.exchangebridge.credential.ui.Peer;
import io.exchangebridge.credential.ui.PeerClient;
import io.exchangebridge.credential.ui.PeerResult;

/** The mailbox form's folder input: the mailbox's real folders from the import-service, or why they are not listed. */
@ApplicationScoped
public class MailboxFolders {

    /** An option of the folder select. */
    public record FolderChoice(String value, String label, boolean selected) {
    }

    /**
     * The folder input: a select of the mailbox's folders, or free text with why they could not be listed.
     *
     * @param choices
     *            null when the folders were not (or could not be) listed
     */
    public record FolderPicker(List<FolderChoice> choices, String error) {

        static final FolderPicker NOT_LOADED = new FolderPicker(null, null);

        /** The listed folders' paths, for the other folder inputs' suggestions. */
        List<String> paths() {
            return choices == null ? List.of() : choices.stream().map(FolderChoice::value).toList();
        }
    }

    private final PeerClient peers;

    public MailboxFolders(PeerClient peers) {
        this.peers = peers;
    }

    /** The mailbox's folders for the select, the form's folder selected, or why there are none. */
    FolderPicker picker(MailboxForm form) {
        if (form.credentialId == null || form.credentialId.isBlank() || form.mailbox == null
                || form.mailbox.isBlank()) {
            return new FolderPicker(null, "Choose the credential and enter the mailbox first, then list its folders.");
        }
        PeerResult<List<Mailbox.Folder>> folders = peers.get(Peer.IMPORT,
                PeerClient.query("/api/folders", "credentialId", form.credentialId, "mailbox", form.mailbox),
                new TypeReference<List<Mailbox.Folder>>() {
                });
        if (!folders.ok()) {
            return new FolderPicker(null, "The folders could not be listed: " + folders.error()
                    + " Type the folder's path instead.");
        }
        List<FolderChoice> choices = new ArrayList<>();
        String current = form.folder == null || form.folder.isBlank() ? "inbox" : form.folder.trim();
        boolean found = false;
        for (Mailbox.Folder f : folders.value()) {
            boolean selected = !found && (current.equalsIgnoreCase(f.path())
                    || current.equalsIgnoreCase(f.wellKnownName()));
            found |= selected;
            choices.add(new FolderChoice(f.path(), f.path() + count(f), selected));
        }
        if (!found && form.folder != null && !form.folder.isBlank()) {
            choices.add(0, new FolderChoice(form.folder, form.folder + " (not found in the mailbox)", true));
        }
        return new FolderPicker(choices, null);
    }

    private static String count(Mailbox.Folder f) {
        if (f.totalItemCount() == null) {
            return "";
        }
        return " (" + f.totalItemCount() + (f.unreadItemCount() == null ? "" : ", " + f.unreadItemCount() + " unread")
                + ")";
    }
}
