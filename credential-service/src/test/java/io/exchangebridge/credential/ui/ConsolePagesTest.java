package io.exchangebridge.credential.ui;

import static io.exchangebridge.credential.testing.ConsoleSession.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.Api;
import io.exchangebridge.credential.testing.ConsoleSession;
import io.exchangebridge.credential.testing.FakePeerServices;
import io.exchangebridge.credential.testing.PeerServicesResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The console's pages of the other services over HTTP, against the stateful fake of their APIs: lists, the peer's 400
 * shown inline, CSRF refusals, the person named to the peer, runs, the outbox and the merged audit log.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesResource.class)
class ConsolePagesTest {

    FakePeerServices fake;

    @BeforeEach
    void reset() {
        fake = PeerServicesResource.fake();
        fake.reset();
    }

    @Test
    void mailboxesOfTheImportServiceAreListed() {
        admin().get("/ui/mailboxes").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<tr id=\"mailbox-erp-inbox\" data-id=\"erp-inbox\">"))
                .body(containsString("erp@contoso.onmicrosoft.com"))
                .body(containsString("<a href=\"/ui/credentials/erp-mail\">erp-mail</a>"))
                .body(containsString("id=\"new-mailbox\"")).body(containsString("id=\"import-all\""))
                .body(not(containsString("Not connected to the import-service")));
        assertThat(fake.onBehalfOf).containsOnly("admin");
    }

    @Test
    void aRefusedPeerRequestIsExplained() {
        fake.refuse = true;
        admin().get("/ui/routes").then().statusCode(200)
                .body(containsString("The smtp-service answered HTTP 401 to GET /api/routes"))
                .body(containsString("check the user and password"))
                .body(not(containsString(FakePeerServices.PASSWORD)));
        admin().get("/ui/mailboxes/erp-inbox").then().statusCode(502)
                .body(containsString("The import-service answered HTTP 401 to GET /api/mailboxes/erp-inbox"))
                .body(containsString("and reader, for the imported messages"));
    }

    @Test
    void theApisValidationIsShownNextToTheField() {
        ConsoleSession browser = ConsoleSession.open("/ui/mailboxes/new");
        String page = browser.form().formParam("action", "save").formParam("id", "bad-box")
                .formParam("mailbox", "not-an-address").formParam("credentialId", "erp-mail")
                .formParam("webhookSecret", "typed-webhook-secret").post("/ui/mailboxes").then().statusCode(400)
                .extract().asString();
        assertThat(page).contains("id=\"form-errors\"").contains("The mailbox account was not saved.")
                .contains("<p class=\"field-error\" id=\"mailbox-error\"><span aria-hidden=\"true\">⚠ </span>"
                        + "Field &#39;mailbox&#39; must be a user principal name or an object id.</p>")
                .contains("value=\"not-an-address\"").doesNotContain("typed-webhook-secret");
        assertThat(fake.mailboxes).doesNotContainKey("bad-box");

        // the form's own check, before the peer is asked
        browser.form().formParam("action", "save").formParam("mailbox", "a@contoso.com")
                .formParam("credentialId", "erp-mail").formParam("maxMessageBytes", "lots")
                .post("/ui/mailboxes").then().statusCode(400)
                .body(containsString("id=\"maxMessageBytes-error\""));
    }

    @Test
    void postsWithoutAValidCsrfTokenChangeNothing() {
        admin().formParam("action", "save").formParam("mailbox", "x@contoso.com").formParam("credentialId", "c")
                .post("/ui/mailboxes").then().statusCode(403).body(containsString("Nothing was changed"));
        admin().cookie("eb-csrf", "planted").formParam("csrf", "planted").post("/ui/mailboxes/erp-inbox/delete")
                .then().statusCode(403);
        admin().post("/ui/imports").then().statusCode(403);
        admin().formParam("sender", "a@contoso.com").post("/ui/routes").then().statusCode(403);
        admin().formParam("sender", "a@contoso.com").post("/ui/send-as-application").then().statusCode(403);
        assertThat(fake.mailboxes).containsOnlyKeys("erp-inbox");
        assertThat(fake.runs).isEmpty();
        assertThat(fake.routes).isEmpty();
        admin().get("/api/credentials/send-a-contoso-com").then().statusCode(404);
    }

    @Test
    void importAllShowsTheRunsPerMailboxResults() {
        ConsoleSession browser = ConsoleSession.open("/ui/mailboxes");
        String location = browser.form().post("/ui/imports").then().statusCode(303).extract().header("Location");
        String runId = fake.runs.get(0).get("id").toString();
        assertThat(location).endsWith("/ui/imports/" + runId);
        admin().get("/ui/imports/" + runId).then().statusCode(200).body(containsString("id=\"results\""))
                .body(containsString("<tr data-id=\"erp-inbox\">")).body(containsString("SUCCEEDED"));
        admin().get("/ui/imports").then().statusCode(200).body(containsString("id=\"runs\""))
                .body(containsString("href=\"/ui/imports/" + runId + "\""));
        assertThat(fake.importAudit.get(0)).containsEntry("action", "import.start")
                .containsEntry("actor", "admin via " + FakePeerServices.USER).containsEntry("detail", "all");
    }

    @Test
    void theMailboxPageShowsTheRecentlyImportedMessagesNewestFirst() {
        String page = admin().get("/ui/mailboxes/erp-inbox").then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"messages\"").contains("id=\"import-now\"").contains("id=\"disable\"");
        assertThat(page.indexOf("Order confirmation 99")).isPositive().isLessThan(page.indexOf("Invoice 4711"));
    }

    @Test
    void theOutboxIsSearchedWithTheUpstreamReplyAndItsExplanation() {
        admin().get("/ui/outbox?sender=hr@contoso.com").then().statusCode(200)
                .body(containsString("id=\"outbox\"")).body(containsString("SendAsDeniedException"))
                .body(containsString("grant Send As in Exchange")).body(not(containsString("Invoice 1001")));
        admin().get("/ui/outbox/22222222-2222-2222-2222-222222222222").then().statusCode(200)
                .body(containsString("id=\"upstream-reply\"")).body(containsString("hr@contoso.com"));
    }

    @Test
    void theAuditLogMergesTheThreeServicesNewestFirst() {
        Api.create(Api.appCredential("audited-cred", "11111111-2222-3333-4444-555555555555", "s3cret-value"));
        // credential-service writes its audit entries once a second
        await().atMost(Duration.ofSeconds(10)).until(() -> admin().get("/api/audit?action=credential.create")
                .then().statusCode(200).extract().asString().contains("audited-cred"));
        ConsoleSession browser = ConsoleSession.open("/ui/mailboxes");
        browser.form().post("/ui/mailboxes/erp-inbox/import").then().statusCode(303)
                .header("Location", containsString("/ui/imports/"));

        String page = admin().get("/ui/audit").then().statusCode(200).extract().asString();
        int run = page.indexOf("import.start");
        int credential = page.indexOf("credential.create");
        int seeded = page.indexOf("mailbox.create");
        assertThat(run).isPositive();
        assertThat(credential).isPositive().isGreaterThan(run);
        assertThat(seeded).isGreaterThan(credential); // 22 Nov, the oldest
        assertThat(page).contains("data-service=\"credential-service\"").contains("data-service=\"import-service\"")
                .doesNotContain("s3cret-value");

        admin().get("/ui/audit?service=credential-service").then().statusCode(200)
                .body(containsString("credential.create")).body(not(containsString("import.start")));
        admin().get("/ui/audit?action=import.").then().statusCode(200).body(containsString("import.start"))
                .body(not(containsString("credential.create")));
    }

    @Test
    void aRouteTestNamesTheQueuedMessageAndAWrongAddressIsExplained() {
        fake.routes.put("r1", new java.util.LinkedHashMap<>(Map.of("id", "r1", "sender", "erp@contoso.com",
                "credentialId", "erp-mail", "mailbox", "erp@contoso.com", "transport", "GRAPH")));
        ConsoleSession browser = ConsoleSession.open("/ui/routes/r1");
        browser.form().formParam("to", "nobody").post("/ui/routes/r1/test").then().statusCode(400)
                .body(containsString("id=\"test-result\"")).body(containsString("must be an email address"));
        String page = browser.form().formParam("to", "anna@example.com").post("/ui/routes/r1/test").then()
                .statusCode(200).extract().asString();
        String id = fake.outbox.get(0).get("id").toString();
        assertThat(page).contains("id=\"test-result\"").contains("href=\"/ui/outbox/" + id + "\"");
        admin().get("/ui/outbox/" + id).then().statusCode(200).body(containsString("Exchange Bridge test message"));
        admin().get("/ui/routes").then().body(containsString("<tr data-id=\"r1\">"))
                .body(containsString("href=\"/ui/routes/r1\""));
        admin().get("/ui/nothing").then().statusCode(404);
        assertThat(admin().get("/ui/routes/unknown").then().statusCode(404).extract().asString())
                .contains("No route unknown.");
        assertThat(page).doesNotContain(FakePeerServices.PASSWORD);
        assertThat(fake.onBehalfOf).allMatch("admin"::equals);
        assertThat(admin().get("/ui/outbox").then().extract().header("Content-Type")).isNotNull();
        admin().get("/ui/routes/r1/delete").then().statusCode(200).body(containsString("id=\"confirm-delete\""));
        browser.form().post("/ui/routes/r1/delete").then().statusCode(303)
                .header("Location", endsWith("/ui/routes?deleted=erp%40contoso.com"));
        assertThat(fake.routes).isEmpty();
    }
}
