package io.exchangebridge.importer.message;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One page of messages; {@code nextCursor} is absent on the last page. */
public record MessagePage(List<MessageView> items, @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {
}
