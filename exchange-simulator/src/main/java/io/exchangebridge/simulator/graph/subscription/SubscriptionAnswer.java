package io.exchangebridge.simulator.graph.subscription;

import com.fasterxml.jackson.databind.JsonNode;

/** What a subscription operation answers: status and a JSON body (null for none). */
public record SubscriptionAnswer(int status, JsonNode body) {
}
