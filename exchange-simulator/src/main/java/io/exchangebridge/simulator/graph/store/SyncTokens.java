package io.exchangebridge.simulator.graph.store;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Opaque tokens for delta links: a {@code $deltatoken} names the state after a completed round, a {@code $skiptoken}
 * the rest of a round in progress. Unknown tokens find nothing; expiring a mailbox forgets all of its tokens, so its
 * clients get {@code SyncStateNotFound}. Shared by mail and calendar delta.
 *
 * @param <D>
 *            the state behind a delta token
 * @param <R>
 *            the round behind a skip token
 */
public final class SyncTokens<D, R> {

    private final ConcurrentMap<String, D> deltas = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, R> skips = new ConcurrentHashMap<>();
    private final Function<D, String> deltaMailbox;
    private final Function<R, String> skipMailbox;

    /** With the mailbox (UPN, lower case) each state and round belongs to, for {@link #expire(String)}. */
    public SyncTokens(Function<D, String> deltaMailbox, Function<R, String> skipMailbox) {
        this.deltaMailbox = deltaMailbox;
        this.skipMailbox = skipMailbox;
    }

    public String rememberDelta(D state) {
        String token = GraphIds.token();
        deltas.put(token, state);
        return token;
    }

    public String rememberSkip(R round) {
        String token = GraphIds.token();
        skips.put(token, round);
        return token;
    }

    public Optional<D> delta(String token) {
        return Optional.ofNullable(deltas.get(token));
    }

    public Optional<R> skip(String token) {
        return Optional.ofNullable(skips.get(token));
    }

    /** Forgets every token of a mailbox. */
    public void expire(String mailbox) {
        String key = mailbox.toLowerCase(Locale.ROOT);
        deltas.values().removeIf(s -> deltaMailbox.apply(s).equals(key));
        skips.values().removeIf(r -> skipMailbox.apply(r).equals(key));
    }

    public void clear() {
        deltas.clear();
        skips.clear();
    }
}
