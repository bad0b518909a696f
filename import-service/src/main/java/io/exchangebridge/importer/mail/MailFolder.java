package io.exchangebridge.importer.mail;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A mail folder: its Graph id and display name. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record MailFolder(String id, String displayName) {
}
