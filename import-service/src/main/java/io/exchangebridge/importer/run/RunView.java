package io.exchangebridge.importer.run;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An import run and its mailboxes' results. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunView(UUID id, String trigger, RunStatus status, Instant createdAt, Instant finishedAt,
        List<MailboxResult> mailboxes) {
}
