package io.exchangebridge.credential.ui;

import java.time.Instant;

import io.quarkus.qute.TemplateExtension;

/** Formatting helpers of the templates. */
@TemplateExtension
public final class UiFormat {

    private UiFormat() {
    }

    /** An instant as {@code 2026-11-22 21:05 UTC}: the service's users may sit in any time zone. */
    static String utc(Instant instant) {
        return CredentialRows.TIME.format(instant);
    }
}
