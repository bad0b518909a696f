package io.exchangebridge.credential.ui.mailbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.credential.ui.Peer;
import io.exchangebridge.credential.ui.PeerClient;
import io.exchangebridge.credential.ui.PeerResult;

/**
 * The messages recently imported from a mailbox account, newest first, for its page. The import-service lists them
 * oldest first, so the window's messages are read and the newest kept.
 */
@ApplicationScoped
public class RecentMessages {

    /** How many of the recently imported messages the account's page shows, and from how far back. */
    static final int RECENT = 20;
    static final Duration RECENT_WINDOW = Duration.ofDays(30);

    private final PeerClient peers;

    public RecentMessages(PeerClient peers) {
        this.peers = peers;
    }

    /** The newest {@value #RECENT} messages of the last 30 days, or why they could not be listed. */
    PeerResult<List<Mailbox.Message>> of(Mailbox mailbox) {
        PeerResult<Mailbox.MessagePage> page = peers.get(Peer.IMPORT,
                PeerClient.query("/api/messages", "mailbox", mailbox.id(), "since",
                        Instant.now().minus(RECENT_WINDOW).toString(), "limit", "1000"),
                Mailbox.MessagePage.class);
        if (!page.ok()) {
            return PeerResult.failed(page.failure());
        }
        List<Mailbox.Message> recent = new ArrayList<>();
        if (page.value().items() != null) {
            // oldest first: the newest are at the end
            List<Mailbox.Message> items = page.value().items();
            recent.addAll(items.subList(Math.max(0, items.size() - RECENT), items.size()));
            Collections.reverse(recent);
        }
        return PeerResult.ok(recent);
    }
}
