package io.exchangebridge.importer.graph;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a Graph collection or delta ({@code messages}, {@code childFolders}, {@code messages/delta}, later
 * {@code calendarView/delta}).
 *
 * @param items
 *            the page's {@code value} entries, without the removed ones
 * @param removed
 *            ids of delta entries that carry {@code @removed} (deleted or moved out); empty for plain collections
 * @param nextLink
 *            the {@code @odata.nextLink}, already checked to point to the Graph host; empty on the last page
 * @param deltaLink
 *            the {@code @odata.deltaLink} of a delta's last page, as Graph sent it: check it with
 *            {@link GraphSession#link} before following it
 */
public record GraphPage<T>(List<T> items, List<String> removed, Optional<URI> nextLink, Optional<String> deltaLink) {

    public <R> GraphPage<R> map(Function<T, R> mapper) {
        return new GraphPage<>(items.stream().map(mapper).toList(), removed, nextLink, deltaLink);
    }
}
