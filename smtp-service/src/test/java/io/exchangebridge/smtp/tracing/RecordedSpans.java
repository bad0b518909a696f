package io.exchangebridge.smtp.tracing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.exchangebridge.testing.RecordingSpanExporter;

/** The module's tests collect the relay's spans in memory instead of exporting them. */
public class RecordedSpans {

    @Produces
    @Singleton
    RecordingSpanExporter spans() {
        return new RecordingSpanExporter();
    }
}
