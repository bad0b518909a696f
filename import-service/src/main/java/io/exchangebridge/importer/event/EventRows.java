package io.exchangebridge.importer.event;

import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.importer.calendar.GraphEvent;

/** Between {@link GraphEvent}, {@link EventView} and the columns of {@code calendar_event}. */
final class EventRows {

    /** The stored columns after {@code id}, {@code mailbox_id}, {@code graph_id}, in {@link #bind} order. */
    static final String CONTENT = "ical_uid, type, series_id, subject, start_at, end_at, original_start_time_zone, "
            + "original_end_time_zone, is_all_day, location, organizer_name, organizer_address, attendees, show_as, "
            + "sensitivity, categories, online_meeting_url, is_cancelled, last_modified, change_key, client_id, "
            + "transaction_id";
    static final String COLUMNS = "id, mailbox_id, graph_id, " + CONTENT + ", deleted, changed_at";
    static final int CONTENT_COUNT = 22;

    private static final TypeReference<List<EventView.Attendee>> ATTENDEES = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** What is stored of a Graph event, in UTC: the view without our id, deletion and change time. */
    record Content(EventView view, String originalEndTimeZone, String transactionId) {
    }

    private final ObjectMapper json;

    EventRows(ObjectMapper json) {
        this.json = json;
    }

    static Content content(String mailboxId, GraphEvent e, String clientId) {
        GraphEvent.EmailAddress organizer = e.organizer() == null ? null : e.organizer().emailAddress();
        List<EventView.Attendee> attendees = e.attendees() == null
                ? List.of()
                : e.attendees().stream().map(EventRows::attendee).toList();
        EventView view = new EventView(null, mailboxId, e.id(), e.iCalUId(),
                e.type() == null ? "singleInstance" : e.type(),
                e.seriesMasterId(), e.subject(), e.start() == null ? null : EventView.Time.utc(e.start().toInstant()),
                e.end() == null ? null : EventView.Time.utc(e.end().toInstant()), e.originalStartTimeZone(),
                e.allDay(),
                e.location() == null || blank(e.location().displayName()) ? null : e.location().displayName(),
                organizer == null ? null : new EventView.Person(organizer.name(), organizer.address()), attendees,
                e.showAs(), e.sensitivity(), e.categories() == null ? List.of() : List.copyOf(e.categories()),
                e.joinUrl(), e.cancelled(), instant(e.lastModifiedDateTime()), e.changeKey(), clientId, false, null);
        return new Content(view, e.originalEndTimeZone(), e.transactionId());
    }

    private static EventView.Attendee attendee(GraphEvent.Attendee a) {
        GraphEvent.EmailAddress address = a.emailAddress();
        GraphEvent.ResponseStatus status = a.status();
        Instant responded = status == null ? null : instant(status.time());
        // Graph says "never" with 0001-01-01.
        if (responded != null && responded.isBefore(Instant.EPOCH)) {
            responded = null;
        }
        return new EventView.Attendee(address == null ? null : address.name(),
                address == null ? null : address.address(), a.type(),
                status == null || status.response() == null ? "none" : status.response(), responded);
    }

    /** SHA-256 over everything stored (change key included: every change in Exchange makes a new one). */
    String hash(Content c) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(json.writeValueAsBytes(c));
            return HexFormat.of().formatHex(sha.digest());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Binds the {@link #CONTENT} columns from parameter {@code first} on. */
    void bind(PreparedStatement s, int first, Content c) throws SQLException {
        EventView v = c.view();
        int i = first;
        s.setString(i++, v.iCalUId());
        s.setString(i++, v.type());
        s.setString(i++, v.seriesId());
        s.setString(i++, v.subject());
        s.setTimestamp(i++, v.start() == null ? null : Timestamp.from(v.start().utcInstant()));
        s.setTimestamp(i++, v.end() == null ? null : Timestamp.from(v.end().utcInstant()));
        s.setString(i++, v.originalStartTimeZone());
        s.setString(i++, c.originalEndTimeZone());
        s.setBoolean(i++, v.isAllDay());
        s.setString(i++, v.location());
        s.setString(i++, v.organizer() == null ? null : v.organizer().name());
        s.setString(i++, v.organizer() == null ? null : v.organizer().address());
        s.setString(i++, write(v.attendees()));
        s.setString(i++, v.showAs());
        s.setString(i++, v.sensitivity());
        s.setString(i++, write(v.categories()));
        s.setString(i++, v.onlineMeetingUrl());
        s.setBoolean(i++, v.isCancelled());
        s.setTimestamp(i++, v.lastModified() == null ? null : Timestamp.from(v.lastModified()));
        s.setString(i++, v.changeKey());
        s.setString(i++, v.clientId());
        s.setString(i, c.transactionId());
    }

    /** A row selected with {@link #COLUMNS}, in UTC. */
    EventView view(ResultSet rs) throws SQLException {
        String organizerName = rs.getString("organizer_name");
        String organizerAddress = rs.getString("organizer_address");
        Timestamp start = rs.getTimestamp("start_at");
        Timestamp end = rs.getTimestamp("end_at");
        Timestamp modified = rs.getTimestamp("last_modified");
        return new EventView(rs.getString("id"), rs.getString("mailbox_id"), rs.getString("graph_id"),
                rs.getString("ical_uid"), rs.getString("type"), rs.getString("series_id"), rs.getString("subject"),
                start == null ? null : EventView.Time.utc(start.toInstant()),
                end == null ? null : EventView.Time.utc(end.toInstant()), rs.getString("original_start_time_zone"),
                rs.getBoolean("is_all_day"), rs.getString("location"),
                organizerName == null && organizerAddress == null
                        ? null
                        : new EventView.Person(organizerName, organizerAddress),
                read(rs.getString("attendees"), ATTENDEES), rs.getString("show_as"), rs.getString("sensitivity"),
                read(rs.getString("categories"), STRINGS), rs.getString("online_meeting_url"),
                rs.getBoolean("is_cancelled"), modified == null ? null : modified.toInstant(),
                rs.getString("change_key"), rs.getString("client_id"), rs.getBoolean("deleted"),
                rs.getTimestamp("changed_at").toInstant());
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
