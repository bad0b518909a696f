package io.exchangebridge.importer.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Graph's JSON of a calendar, as far as the sync needs it. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GraphCalendar(String id, String name, Boolean isDefaultCalendar) {
}
