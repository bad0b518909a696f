package io.exchangebridge.importer.folder;

import static io.exchangebridge.importer.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.testing.Api;
import io.exchangebridge.importer.testing.FakeCredentialService;
import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.importer.testing.TestMail;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.graph.RetryAfter;
import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * {@code GET /api/folders} and {@code GET /api/mailboxes/{id}/folders}: the whole folder tree of a simulated mailbox
 * (nested folders, more children than one Graph page), paths an account accepts, and every failure as a problem.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class FolderResourceTest {

    private static final String UPN = "folders@contoso.onmicrosoft.com";
    private static final int MANY = 105;

    private static ExchangeSimulator sim() {
        return SimulatorResource.sim();
    }

    @BeforeAll
    static void tree() {
        sim().tenant(SimulatorResource.TENANT).user(UPN);
        MailboxStore box = sim().mail().mailbox(UPN);
        if (box.folder("Inbox/Support").isPresent()) {
            return; // the application (and simulator) outlived another test class of the same resources
        }
        box.createFolder("inbox", "Support");
        box.createFolder("Inbox/Support", "Tier 2");
        box.createFolder("inbox", "Slash/Name");
        box.createFolder(box.root().id(), "Projects");
        box.createFolder("Projects", "Many");
        for (int i = 0; i < MANY; i++) {
            box.createFolder("Projects/Many", String.format("Child %03d", i));
        }
        box.add("Inbox/Support").read(true).mime(TestMail.plain("folders", 1));
        box.add("Inbox/Support").read(false).mime(TestMail.plain("folders", 2));
        box.add("Inbox/Support/Tier 2").mime(TestMail.plain("folders", 3));
    }

    private static Response folders(String credentialId, String mailbox) {
        var request = as("admin");
        if (credentialId != null) {
            request.queryParam("credentialId", credentialId);
        }
        if (mailbox != null) {
            request.queryParam("mailbox", mailbox);
        }
        return request.get("/api/folders");
    }

    private static Map<String, Object> byPath(List<Map<String, Object>> folders, String path) {
        return folders.stream().filter(f -> path.equals(f.get("path"))).findFirst()
                .orElseThrow(() -> new AssertionError("no folder " + path + " in " + folders));
    }

    @Test
    void theWholeTreeSortedByPathWithCountsAndWellKnownNames() {
        Response r = folders(SimulatorResource.CREDENTIAL, UPN);
        r.then().statusCode(200).contentType(containsString("application/json"));
        List<Map<String, Object>> folders = r.jsonPath().getList("$");

        assertThat(folders).allSatisfy(f -> assertThat(f).containsOnlyKeys("id", "displayName", "path",
                "wellKnownName", "totalItemCount", "unreadItemCount"));
        List<String> paths = folders.stream().map(f -> (String) f.get("path")).filter(Objects::nonNull).toList();
        List<String> sorted = new ArrayList<>(paths);
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        assertThat(paths).as("sorted by path").isEqualTo(sorted).doesNotHaveDuplicates();
        assertThat(paths).contains("Inbox", "Inbox/Support", "Inbox/Support/Tier 2", "Sent Items", "Drafts",
                "Deleted Items", "Projects", "Projects/Many", "Projects/Many/Child 000", "Projects/Many/Child 104");
        assertThat(paths.stream().filter(p -> p.startsWith("Projects/Many/"))).as("all pages of child folders")
                .hasSize(MANY);

        assertThat(byPath(folders, "Inbox")).containsEntry("wellKnownName", "inbox").containsEntry("displayName",
                "Inbox");
        assertThat(byPath(folders, "Sent Items")).containsEntry("wellKnownName", "sentitems");
        assertThat(byPath(folders, "Inbox/Support")).containsEntry("displayName", "Support")
                .containsEntry("wellKnownName", null).containsEntry("totalItemCount", 2)
                .containsEntry("unreadItemCount", 1);
        assertThat(byPath(folders, "Inbox/Support/Tier 2")).containsEntry("totalItemCount", 1)
                .containsEntry("unreadItemCount", 1);
        assertThat((String) byPath(folders, "Inbox/Support").get("id"))
                .isEqualTo(sim().mail().mailbox(UPN).folder("Inbox/Support").orElseThrow().id());
        // A display name with a slash cannot be written as a path: listed, without one, after the others.
        Map<String, Object> slash = folders.get(folders.size() - 1);
        assertThat(slash).containsEntry("displayName", "Slash/Name").containsEntry("path", null);
    }

    @Test
    void aListedPathIsWhatAnAccountImportsAndTheAccountListsTheSameTree() {
        List<Map<String, Object>> listed = folders(SimulatorResource.CREDENTIAL, UPN).then().statusCode(200)
                .extract().jsonPath().getList("$");
        String path = (String) byPath(listed, "Inbox/Support/Tier 2").get("path");
        Map<String, Object> account = new HashMap<>();
        account.put("id", "folders-tier2");
        account.put("mailbox", UPN);
        account.put("credentialId", SimulatorResource.CREDENTIAL);
        account.put("folder", path);
        account.put("afterImport", "NONE");
        Api.createMailbox(account);

        assertThat(Api.run("folders-tier2").getInt("imported")).isEqualTo(1);
        List<Map<String, Object>> ofAccount = as("admin").get("/api/mailboxes/folders-tier2/folders").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertThat(ofAccount).isEqualTo(listed);

        as("admin").get("/api/mailboxes/no-such-account/folders").then().statusCode(404)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void missingOrWrongParametersAreNamed() {
        folders(null, null).then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("detail", containsString("'credentialId'")).body("detail", containsString("'mailbox'"));
        folders(SimulatorResource.CREDENTIAL, " ").then().statusCode(400).body("field", equalTo("mailbox"))
                .body("detail", containsString("'mailbox'")).body("detail", not(containsString("credentialId")));
        folders("", UPN).then().statusCode(400).body("field", equalTo("credentialId"));
        folders(SimulatorResource.CREDENTIAL, "not-an-address").then().statusCode(400)
                .body("field", equalTo("mailbox"));
        folders("no-such-credential", UPN).then().statusCode(400).body("field", equalTo("credentialId"))
                .body("detail", containsString("no-such-credential"));
    }

    @Test
    void credentialNotReadyIsAConflictWithTheConsentUrl() {
        FakeCredentialService broker = SimulatorResource.credentials();
        broker.credential("folders-consent",
                sim().tenant(SimulatorResource.TENANT).app(SimulatorResource.CLIENT_ID));
        broker.mode("folders-consent", FakeCredentialService.Mode.CONSENT_REQUIRED);
        folders("folders-consent", UPN).then().statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("credentialStatus", equalTo("CONSENT_REQUIRED")).body("code", equalTo("AADSTS65001"))
                .body("consentUrl", equalTo("https://broker.example/consent/folders-consent"))
                .body(not(containsString("eyJ")));

        broker.mode("folders-consent", FakeCredentialService.Mode.UNAVAILABLE);
        folders("folders-consent", UPN).then().statusCode(503).header("Retry-After", "30");
    }

    @Test
    void graphRefusalsAreClearProblems() {
        folders(SimulatorResource.POWERLESS, UPN).then().statusCode(409).body("errorCode", equalTo("ACCESS_DENIED"))
                .body("detail", containsString("Mail.ReadWrite")).body("detail", containsString(UPN));
        folders(SimulatorResource.CREDENTIAL, "ghost@contoso.onmicrosoft.com").then().statusCode(404)
                .body("errorCode", equalTo("MAILBOX_NOT_FOUND")).body("detail", containsString("ghost@"));

        String noRest = "folders-norest@contoso.onmicrosoft.com";
        sim().tenant(SimulatorResource.TENANT).user(noRest);
        sim().mail().faults().restEnabled(noRest, false);
        try {
            folders(SimulatorResource.CREDENTIAL, noRest).then().statusCode(409)
                    .body("errorCode", equalTo("MAILBOX_NOT_ENABLED_FOR_REST"));
        } finally {
            sim().mail().faults().restEnabled(noRest, true);
        }
    }

    @Test
    void throttlingIsWaitedOutBrieflyOrPassedOnWithRetryAfter() {
        String upn = "folders-throttled@contoso.onmicrosoft.com";
        sim().tenant(SimulatorResource.TENANT).user(upn);
        long early = sim().requestLog().earlyRetries();
        sim().mail().faults().throttleNext(upn, 1, RetryAfter.seconds(1));
        folders(SimulatorResource.CREDENTIAL, upn).then().statusCode(200);
        assertThat(sim().mail().faults().pending(upn)).isZero();

        sim().mail().faults().throttleNext(upn, 1, RetryAfter.seconds(30));
        long started = System.nanoTime();
        folders(SimulatorResource.CREDENTIAL, upn).then().statusCode(503)
                .contentType(containsString("application/problem+json")).header("Retry-After", "30")
                .body("detail", containsString("429"));
        assertThat((System.nanoTime() - started) / 1_000_000).as("a long Retry-After is not waited out")
                .isLessThan(10_000);
        assertThat(sim().mail().faults().pending(upn)).isZero();
        assertThat(sim().requestLog().earlyRetries()).as("no request before a Retry-After passed").isEqualTo(early);
    }

    @Test
    void onlyAdminsListFolders() {
        for (String user : List.of("reader", "trigger")) {
            as(user).queryParam("credentialId", SimulatorResource.CREDENTIAL).queryParam("mailbox", UPN)
                    .get("/api/folders").then().statusCode(403);
            as(user).get("/api/mailboxes/folders-tier2/folders").then().statusCode(403);
        }
        given().get("/api/folders").then().statusCode(401);
    }
}
