package io.exchangebridge.smtp.statushook;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of one status webhook delivery: {@code {"type": "message.sent", "message": {...}}}. */
@RegisterForReflection
public record StatusEvent(String type, MessageSnapshot message) {
}
