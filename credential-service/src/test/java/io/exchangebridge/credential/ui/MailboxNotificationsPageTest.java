package io.exchangebridge.credential.ui;

import static io.exchangebridge.credential.testing.ConsoleSession.admin;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.FakePeerServices;
import io.exchangebridge.credential.testing.PeerServicesResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The account page says how changes reach it (issue 18): within seconds by Graph change notifications, with each
 * subscription's current expiry, or on the schedule only, with the import-service's reason.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesResource.class)
class MailboxNotificationsPageTest {

    @Test
    void theAccountPageSaysWhetherChangesArriveByNotificationOrByPolling() {
        FakePeerServices fake = PeerServicesResource.fake();
        fake.reset();
        assertThat(page()).as("an import-service without notifications").doesNotContain("id=\"notifications\"");

        fake.mailboxes.get("erp-inbox").put("notifications", Map.of("mode", "polling", "reason",
                "importer.notifications.public-url is not set: new mail waits for the next scheduled run."));
        assertThat(page()).contains("id=\"notifications\">on the schedule only (polling): importer.notifications"
                + ".public-url is not set: new mail waits for the next scheduled run.</dd>");

        fake.mailboxes.get("erp-inbox").put("notifications", Map.of("mode", "subscribed", "subscriptions",
                List.of(Map.of("kind", "mail", "resource", "users/erp@contoso.onmicrosoft.com/mailFolders('AAMk')"
                        + "/messages", "expiresAt", "2026-12-09T10:30:00Z"))));
        assertThat(page()).contains("id=\"notifications\">within seconds, by Graph change notifications")
                .contains("mail subscription renewed automatically, now until 2026-12-09 10:30 UTC")
                .doesNotContain("polling");
    }

    private static String page() {
        return admin().get("/ui/mailboxes/erp-inbox").then().statusCode(200).extract().asString();
    }
}
