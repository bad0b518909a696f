package io.exchangebridge.credential.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which fields of the console's form a peer's problem+json answer names. */
class PeerProblemFieldsTest {

    @Test
    void anErrorsMapNamesEachFieldWithItsOwnMessage() {
        assertThat(PeerClient.fields(Map.of("errors", Map.of("mailbox", "is wrong")), "Two fields are wrong."))
                .containsExactlyEntriesOf(Map.of("mailbox", "is wrong"));
    }

    @Test
    void aFieldMemberMayNameSeveralCommaSeparated() {
        assertThat(PeerClient.fields(Map.of("field", "credentialId, mailbox"), "Parameters are missing."))
                .containsOnlyKeys("credentialId", "mailbox").containsEntry("mailbox", "Parameters are missing.");
    }

    @Test
    void elseTheDetailsWordingNamesTheField() {
        assertThat(PeerClient.fields(Map.of(), "Field 'moveToFolder' must differ from 'folder'."))
                .containsOnlyKeys("moveToFolder");
        assertThat(PeerClient.fields(Map.of(), "A route for sender 'x' exists already.")).isEmpty();
    }
}
