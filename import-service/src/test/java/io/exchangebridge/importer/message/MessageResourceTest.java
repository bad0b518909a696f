package io.exchangebridge.importer.message;

import static io.exchangebridge.importer.testing.Api.as;
import static io.exchangebridge.importer.testing.Api.createMailbox;
import static io.exchangebridge.importer.testing.Api.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.importer.testing.TestMail;
import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.simulator.graph.store.StoredMessage;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The delivery API: keyset paging, filters, ack, 404s, roles, retention; a large message round trip. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class MessageResourceTest {

    @Inject
    MessageDelivery store;

    @Inject
    DataSource dataSource;

    private static MailboxStore mailbox(String upn) {
        SimulatorResource.sim().tenant(SimulatorResource.TENANT).user(upn);
        return SimulatorResource.sim().mail().mailbox(upn);
    }

    private static void account(String id, String upn, Long maxBytes) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("id", id, "mailbox", upn, "credentialId",
                SimulatorResource.CREDENTIAL, "afterImport", "NONE"));
        if (maxBytes != null) {
            body.put("maxMessageBytes", maxBytes);
        }
        createMailbox(body);
    }

    @Test
    void pagesFiltersAcknowledgesAndPurges() throws Exception {
        MailboxStore box = mailbox("deliver@contoso.onmicrosoft.com");
        TestMail.plain("deliver", 0, 5).forEach(box::deliver);
        account("deliver", "deliver@contoso.onmicrosoft.com", null);
        assertThat(run("deliver").getInt("imported")).isEqualTo(5);

        List<Integer> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as("reader").queryParam("mailbox", "deliver").queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/messages").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", Integer.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(ids).hasSize(5).doesNotHaveDuplicates().isSorted();
        assertThat(pages).isEqualTo(3);

        as("reader").queryParam("mailbox", "deliver").queryParam("status", "NEW").get("/api/messages").then()
                .statusCode(200).body("items.size()", equalTo(5));
        as("reader").queryParam("mailbox", "deliver").queryParam("since", Instant.now().plusSeconds(60).toString())
                .get("/api/messages").then().statusCode(200).body("items.size()", equalTo(0));

        int first = ids.get(0);
        as("reader").post("/api/messages/" + first + "/ack").then().statusCode(200).body("status", equalTo("ACKED"));
        as("reader").queryParam("mailbox", "deliver").queryParam("status", "acked").get("/api/messages").then()
                .statusCode(200).body("items.id", equalTo(List.of(first)));

        long objects = largeObjects();
        assertThat(store.purgeAcknowledgedBefore(Instant.now().plusSeconds(5))).isEqualTo(1);
        assertThat(largeObjects()).isEqualTo(objects - 1);
        as("reader").get("/api/messages/" + first).then().statusCode(404);
        as("reader").get("/api/messages/" + ids.get(1) + "/raw").then().statusCode(200);
    }

    @Test
    void errorsAndRoles() {
        as("reader").get("/api/messages/999999").then().statusCode(404);
        as("reader").get("/api/messages/999999/raw").then().statusCode(404);
        as("reader").get("/api/messages/999999/attachments/0").then().statusCode(404);
        as("reader").post("/api/messages/999999/ack").then().statusCode(404);
        as("reader").queryParam("limit", 0).get("/api/messages").then().statusCode(400);
        as("reader").queryParam("cursor", "abc").get("/api/messages").then().statusCode(400);
        as("reader").queryParam("status", "LOST").get("/api/messages").then().statusCode(400);
        as("reader").queryParam("since", "yesterday").get("/api/messages").then().statusCode(400);
        as("trigger").get("/api/messages").then().statusCode(403);
        as("admin").get("/api/messages").then().statusCode(403);
    }

    @Test
    void aLargeMessageStreamsThroughByteExact() throws Exception {
        MailboxStore box = mailbox("large@contoso.onmicrosoft.com");
        byte[] payload = new byte[24 * 1024 * 1024];
        new Random(7).nextBytes(payload);
        String b64 = java.util.Base64.getMimeEncoder().encodeToString(payload);
        byte[] mime = ("Message-ID: <large@test.example>\r\nFrom: big@example.com\r\nTo: large@contoso.onmicrosoft.com\r\n"
                + "Subject: large\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n"
                + "--x\r\nContent-Type: text/plain\r\n\r\nsee attachment\r\n"
                + "--x\r\nContent-Type: application/octet-stream; name=\"blob.bin\"\r\n"
                + "Content-Disposition: attachment; filename=\"blob.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64 + "\r\n--x--\r\n").getBytes(StandardCharsets.US_ASCII);
        StoredMessage seeded = box.deliver(mime);
        account("large", "large@contoso.onmicrosoft.com", 64L * 1024 * 1024);

        assertThat(run("large").getInt("imported")).isEqualTo(1);
        JsonPath listed = as("reader").queryParam("mailbox", "large").get("/api/messages").then().statusCode(200)
                .extract().jsonPath();
        int id = listed.getInt("items[0].id");
        assertThat(listed.getLong("items[0].size")).isEqualTo(mime.length);
        assertThat(listed.getString("items[0].sha256")).isEqualTo(sha256(seeded.mime()));
        try (InputStream raw = as("reader").get("/api/messages/" + id + "/raw").then().statusCode(200).extract()
                .asInputStream()) {
            assertThat(sha256(raw)).isEqualTo(sha256(mime));
        }
        try (InputStream attachment = as("reader").get("/api/messages/" + id + "/attachments/0").then()
                .statusCode(200).extract().asInputStream()) {
            assertThat(sha256(attachment)).isEqualTo(sha256(payload));
        }
    }

    private long largeObjects() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_largeobject_metadata")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream d = new DigestInputStream(in, digest)) {
            d.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
