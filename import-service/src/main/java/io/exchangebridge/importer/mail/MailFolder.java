package io.exchangebridge.importer.mail;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A mail folder as Graph lists it: its id, display name and counts (null where Graph did not send them).
 *
 * @param childFolderCount
 *            child folders; null when unknown (then the children are listed to find out)
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record MailFolder(String id, String displayName, Integer childFolderCount, Integer totalItemCount,
        Integer unreadItemCount, @JsonProperty("isHidden") Boolean isHidden) {

    /** True unless Graph said the folder has no child folders. */
    boolean mayHaveChildren() {
        return childFolderCount == null || childFolderCount > 0;
    }

    boolean hidden() {
        return isHidden != null && isHidden;
    }
}
