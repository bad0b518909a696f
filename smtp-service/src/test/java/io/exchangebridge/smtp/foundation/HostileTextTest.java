package io.exchangebridge.smtp.foundation;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.exchangebridge.smtp.support.Api;
import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.HostileTextContract;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Text PostgreSQL cannot store is refused by every operation of the smtp-service's API. */
@QuarkusTest
// A database and application of its own: row counts before and after the sweep must see only the sweep, not the
// scheduled work of other test classes' credentials, mailboxes or messages.
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class HostileTextTest extends HostileTextContract {

    static final String SENDER = "erin@" + RelayTestResource.TENANT;

    @Override
    protected RequestSpecification admin() {
        return Api.admin();
    }

    @Override
    protected RequestSpecification caller(String method, String path) {
        return method.equals("post") && path.equals("/api/messages") ? Api.sender() : admin();
    }

    @Override
    protected void prepare() {
        Api.route(SENDER, SENDER);
    }

    @Override
    protected Object validBody(String method, String path) {
        return switch (path) {
            case "/api/messages" -> Map.of("from", SENDER, "to", List.of("carol@example.com"), "subject", "s", "text",
                    "x");
            case "/api/routes" -> Map.of("sender", "hostile@" + RelayTestResource.TENANT, "credentialId", "c1",
                    "mailbox", "hostile@" + RelayTestResource.TENANT, "transport", "SMTP");
            default -> null;
        };
    }

    @Override
    protected Set<String> multiLineFields() {
        // message bodies, and attachments in base64 that MIME encoders wrap at 76 characters
        return Set.of("SubmitRequest.text", "SubmitRequest.html", "Attachment.content");
    }
}
