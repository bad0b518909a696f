package io.exchangebridge.smtp.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Ticker;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The route cache: two stores on one database stand for two replicas, each with a clock of its own that only the test
 * moves, so expiry is checked without waiting.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class RouteCacheTest {

    static final Duration TTL = Duration.ofSeconds(2);

    @Inject
    DataSource dataSource;

    /** A clock that stands still until the test moves it. */
    static class TestTicker implements Ticker {
        final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
        }
    }

    private static String sender() {
        return "cache-" + UUID.randomUUID() + "@cache.example";
    }

    @Test
    void anotherReplicasChangesAreSeenOnceTheTtlHasPassed() {
        TestTicker clock = new TestTicker();
        RouteStore here = new RouteStore(dataSource, TTL, clock);
        RouteStore there = new RouteStore(dataSource, TTL, new TestTicker());
        String sender = sender();

        assertTrue(here.resolve(sender).isEmpty());
        SenderRoute added = there.create(sender, "cred", "box@cache.example", Transport.SMTP);
        assertTrue(here.resolve(sender).isEmpty(), "the absence of a route is cached too");
        clock.advance(TTL);
        assertEquals(added.id(), here.resolve(sender).orElseThrow().id());

        there.delete(added.id());
        assertEquals(added.id(), here.resolve(sender).orElseThrow().id(), "still cached");
        clock.advance(TTL);
        assertTrue(here.resolve(sender).isEmpty());
    }

    @Test
    void ownChangesTakeEffectAtOnce() {
        RouteStore store = new RouteStore(dataSource, TTL, new TestTicker());
        String sender = sender();
        String domain = sender.substring(sender.indexOf('@') + 1);

        assertTrue(store.resolve(sender).isEmpty());
        SenderRoute byDomain = store.create(domain, "cred", "domain-box@cache.example", Transport.SMTP);
        assertEquals(byDomain.id(), store.resolve(sender).orElseThrow().id());
        SenderRoute byAddress = store.create(sender, "cred", "box@cache.example", Transport.GRAPH);
        assertEquals(byAddress.id(), store.resolve(sender).orElseThrow().id(), "the address wins over its domain");
        store.delete(byAddress.id());
        assertEquals(byDomain.id(), store.resolve(sender).orElseThrow().id());
        store.delete(byDomain.id());
        assertTrue(store.resolve(sender).isEmpty());
    }

    @Test
    void zeroTtlReadsTheDatabaseEveryTime() {
        RouteStore here = new RouteStore(dataSource, Duration.ZERO, new TestTicker());
        RouteStore there = new RouteStore(dataSource, TTL, new TestTicker());
        String sender = sender();

        assertTrue(here.resolve(sender).isEmpty());
        SenderRoute added = there.create(sender, "cred", "box@cache.example", Transport.SMTP);
        assertEquals(added.id(), here.resolve(sender).orElseThrow().id());
        there.delete(added.id());
        assertTrue(here.resolve(sender).isEmpty());
    }
}
