package io.exchangebridge.importer.run;

import java.util.List;

/** Answer of {@code GET /api/imports}: runs newest first, and the cursor of the next page (null on the last). */
public record RunPage(List<RunView> items, String nextCursor) {
}
