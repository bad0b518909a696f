package io.exchangebridge.importer.mail;

/** A folder path names a folder the mailbox does not have. */
public final class FolderNotFound extends RuntimeException {

    private final String path;
    private final String missing;

    FolderNotFound(String path, String missing) {
        super("Folder '" + path + "' has no '" + missing + "'.", null, false, false);
        this.path = path;
        this.missing = missing;
    }

    /** The path that was asked for, such as {@code Inbox/Support}. */
    public String path() {
        return path;
    }

    /** The first display name on the path that does not exist. */
    public String missing() {
        return missing;
    }
}
