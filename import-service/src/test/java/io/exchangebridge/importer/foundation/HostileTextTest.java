package io.exchangebridge.importer.foundation;

import static io.exchangebridge.importer.testing.Api.as;

import java.util.Map;
import java.util.Set;

import io.exchangebridge.testing.HostileTextContract;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Text PostgreSQL cannot store is refused by every operation of the import-service's API. */
@QuarkusTest
// A database and application of its own: row counts before and after the sweep must see only the sweep, not the
// scheduled work of other test classes' credentials, mailboxes or messages.
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class HostileTextTest extends HostileTextContract {

    @Override
    protected RequestSpecification admin() {
        return as("admin");
    }

    @Override
    protected RequestSpecification caller(String method, String path) {
        if (path.startsWith("/api/events") && !"get".equalsIgnoreCase(method)) {
            return as("writer");
        }
        if (path.startsWith("/api/messages") || path.startsWith("/api/events")) {
            return as("reader");
        }
        return path.endsWith("/imports") ? as("trigger") : admin();
    }

    /** An event's body text and a cancellation's comment to the attendees span lines. */
    @Override
    protected Set<String> multiLineFields() {
        return Set.of("Body.content", "CancelRequest.comment");
    }

    @Override
    protected Object validBody(String method, String path) {
        return path.startsWith("/api/mailboxes")
                ? Map.of("mailbox", "hostile@contoso.example", "credentialId", "c1")
                : null;
    }
}
