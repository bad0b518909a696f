package io.exchangebridge.simulator.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.graph.store.MailStore;
import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.simulator.graph.store.StoredMessage;

class MailboxStoreTest {

    private final MailboxStore alice = new MailStore(Clock.systemUTC()).mailbox("Alice@Contoso.test");

    @Test
    void mailboxesAreKeyedByUpnCaseInsensitively() {
        MailStore store = new MailStore(Clock.systemUTC());
        store.mailbox("Alice@Contoso.test").deliver(SampleMime.plain("x").getBytes());

        assertThat(store.mailbox("alice@contoso.test").messages("inbox")).hasSize(1);
    }

    @Test
    void foldersByIdWellKnownNameAndPath() {
        String inbox = alice.folder("INBOX").orElseThrow().id();
        String processed = alice.createFolder("inbox", "Processed").id();

        assertThat(alice.folder("Inbox/Processed").orElseThrow().id()).isEqualTo(processed);
        assertThat(alice.folder(processed).orElseThrow().parentId()).hasValue(inbox);
        assertThat(alice.graphFolder("Inbox/Processed")).isEmpty();
        assertThat(alice.children(alice.root().id())).extracting(f -> f.displayName()).doesNotContain("Deletions");
        assertThatThrownBy(() -> alice.createFolder("inbox", "processed")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void seedKeepsMimeByteExactAndMoveRenamesOnlyTheRestId() {
        byte[] mime = SampleMime.plain("Exact").getBytes();
        StoredMessage seeded = alice.add("junkemail").receivedAt(Instant.parse("2026-11-02T09:30:15.789Z"))
                .read(true).mime(mime);

        StoredMessage moved = alice.move(seeded.restId(), "inbox");

        assertThat(moved.mime()).isEqualTo(mime);
        assertThat(moved.receivedAt()).isEqualTo(Instant.parse("2026-11-02T09:30:15Z"));
        assertThat(moved.read()).isTrue();
        assertThat(moved.immutableId()).isEqualTo(seeded.immutableId());
        assertThat(moved.restId()).isNotEqualTo(seeded.restId());
        assertThat(moved.version()).isGreaterThan(seeded.version());
        assertThat(alice.message(seeded.restId())).isEmpty();
        assertThat(alice.message(seeded.immutableId())).isPresent();
    }

    @Test
    void deletedMessagesLeaveEveryVisibleListing() {
        StoredMessage message = alice.deliver(SampleMime.plain("Bye").getBytes());

        alice.delete(message.immutableId());

        assertThat(alice.messages("inbox")).isEmpty();
        assertThat(alice.allMessages()).isEmpty();
        assertThat(alice.messages("recoverableitemsdeletions")).hasSize(1);
    }
}
