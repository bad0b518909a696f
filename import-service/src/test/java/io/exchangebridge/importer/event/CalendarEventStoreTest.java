package io.exchangebridge.importer.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.importer.calendar.GraphEvent;
import io.exchangebridge.importer.scope.MailboxScope;
import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The event store: idempotent upserts, one change per real change, deletions in the change feed, out-of-window. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class CalendarEventStoreTest {

    @Inject
    EventStore store;

    @Inject
    ObjectMapper json;

    private GraphEvent event(String id, String subject, String changeKey, String start, String end) throws Exception {
        return json.readValue("""
                {"id":"%s","iCalUId":"uid-%s","type":"singleInstance","subject":"%s","changeKey":"%s",
                 "@odata.etag":"W/\\"%s\\"","start":{"dateTime":"%s","timeZone":"UTC"},
                 "end":{"dateTime":"%s","timeZone":"UTC"},"originalStartTimeZone":"W. Europe Standard Time",
                 "isAllDay":false,"location":{"displayName":"Room 1"},"showAs":"busy","sensitivity":"normal",
                 "categories":["ERP"],"isCancelled":false,
                 "organizer":{"emailAddress":{"name":"Alice","address":"alice@contoso.com"}},
                 "attendees":[{"type":"required","status":{"response":"accepted","time":"2026-11-30T10:00:00Z"},
                   "emailAddress":{"name":"Bob","address":"bob@contoso.com"}},
                   {"type":"optional","status":{"response":"none","time":"0001-01-01T00:00:00Z"},
                   "emailAddress":{"name":"Carol","address":"carol@contoso.com"}}],
                 "lastModifiedDateTime":"2026-12-01T10:00:00Z","unknownMember":{"x":1}}
                """.formatted(id, id, subject, changeKey, changeKey, start, end), GraphEvent.class);
    }

    private EventPage feed(String mailbox, String cursor) {
        return store.list(new EventQuery(MailboxScope.ALL, mailbox, null, null, null, null,
                cursor == null ? null : Long.parseLong(cursor), 100));
    }

    @Test
    void sameStateTwiceIsOneChangeAndDeletionIsSeenOnce() throws Exception {
        String mb = "store-" + UUID.randomUUID();
        EventPage start = feed(mb, null);
        assertThat(start.items()).isEmpty();

        GraphEvent e = event("g1", "Planning", "ck1", "2026-12-03T09:00:00.0000000", "2026-12-03T10:00:00.0000000");
        EventStore.Applied first = store.upsert(mb, e, "ERP-42");
        EventStore.Applied again = store.upsert(mb, e, null);
        assertThat(first.changed()).isTrue();
        assertThat(again.changed()).isFalse();
        assertThat(again.view().id()).isEqualTo(first.view().id());
        assertThat(again.view().clientId()).as("a known clientId is kept").isEqualTo("ERP-42");

        EventView v = store.find(first.view().id(), MailboxScope.ALL).orElseThrow();
        assertThat(v.start()).isEqualTo(new EventView.Time("2026-12-03T09:00:00", "UTC"));
        assertThat(v.attendees()).extracting(EventView.Attendee::response).containsExactly("accepted", "none");
        assertThat(v.attendees().get(1).respondedAt()).isNull();
        assertThat(v.organizer().address()).isEqualTo("alice@contoso.com");
        assertThat(v.location()).isEqualTo("Room 1");
        assertThat(v.inZone(ZoneId.of("Europe/Amsterdam")).start())
                .isEqualTo(new EventView.Time("2026-12-03T10:00:00", "Europe/Amsterdam"));

        EventPage afterCreate = feed(mb, start.nextCursor());
        assertThat(afterCreate.items()).extracting(EventView::subject).containsExactly("Planning");

        store.upsert(mb, event("g1", "Planning v2", "ck2", "2026-12-03T09:00:00", "2026-12-03T10:00:00"), null);
        store.upsert(mb, event("g1", "Planning v2", "ck2", "2026-12-03T09:00:00", "2026-12-03T10:00:00"), null);
        EventPage afterUpdate = feed(mb, afterCreate.nextCursor());
        assertThat(afterUpdate.items()).extracting(EventView::subject).containsExactly("Planning v2");

        assertThat(store.markDeleted(mb, "g1")).isPresent();
        assertThat(store.markDeleted(mb, "g1").orElseThrow().deleted()).isTrue();
        assertThat(store.markDeleted(mb, "nope")).isEmpty();
        EventPage afterDelete = feed(mb, afterUpdate.nextCursor());
        assertThat(afterDelete.items()).hasSize(1).allMatch(EventView::deleted);
        assertThat(feed(mb, afterDelete.nextCursor()).items()).isEmpty();
        assertThat(feed(mb, null).items()).as("current events leave deleted ones out").isEmpty();
    }

    @Test
    void allDayEventsKeepTheirDatesInEveryZone() throws Exception {
        String mb = "allday-" + UUID.randomUUID();
        GraphEvent holiday = json.readValue("""
                {"id":"h1","subject":"Holiday","isAllDay":true,"changeKey":"k",
                 "start":{"dateTime":"2026-12-25T00:00:00.0000000","timeZone":"UTC"},
                 "end":{"dateTime":"2026-12-26T00:00:00.0000000","timeZone":"UTC"}}""", GraphEvent.class);

        EventView stored = store.apply(mb, holiday, null);

        EventView inTokyo = stored.inZone(ZoneId.of("Asia/Tokyo"));
        assertThat(inTokyo.isAllDay()).isTrue();
        assertThat(inTokyo.start()).isEqualTo(new EventView.Time("2026-12-25T00:00:00", "Asia/Tokyo"));
        assertThat(inTokyo.end()).isEqualTo(new EventView.Time("2026-12-26T00:00:00", "Asia/Tokyo"));
    }

    @Test
    void reconcileDeletesUnseenInWindowAndLeavesOthersOutOfWindow() throws Exception {
        String mb = "reconcile-" + UUID.randomUUID();
        store.upsert(mb, event("old", "Old", "a", "2026-01-05T09:00:00", "2026-01-05T10:00:00"), null);
        store.upsert(mb, event("gone", "Gone", "b", "2026-12-05T09:00:00", "2026-12-05T10:00:00"), null);
        store.upsert(mb, event("kept", "Kept", "c", "2026-12-06T09:00:00", "2026-12-06T10:00:00"), null);
        String cursor = feed(mb, null).nextCursor();

        long roundStart = store.position();
        store.upsert(mb, event("written", "Written meanwhile", "d", "2026-12-07T09:00:00", "2026-12-07T10:00:00"),
                "ERP-1");
        int deleted = store.reconcile(mb, Set.of("kept"), java.time.Instant.parse("2026-11-01T00:00:00Z"),
                java.time.Instant.parse("2027-11-01T00:00:00Z"), roundStart);

        assertThat(deleted).isEqualTo(1);
        assertThat(feed(mb, cursor).items()).extracting(EventView::graphId, EventView::deleted).containsExactly(
                org.assertj.core.groups.Tuple.tuple("written", false),
                org.assertj.core.groups.Tuple.tuple("gone", true));
        assertThat(store.findByGraphId(mb, "old").orElseThrow().deleted()).isFalse();
        assertThat(store.findByGraphId(mb, "written").orElseThrow().deleted())
                .as("written after the round began: not the round's to judge").isFalse();
    }
}
