package io.exchangebridge.credential.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.PeerServicesResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The read-only pages of the other services, read through their REST APIs with the configured user. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PeerServicesResource.class)
class ServicePagesTest {

    @Test
    void mailboxesOfTheImportServiceAreListed() {
        given().auth().preemptive().basic("admin", "admin-pass").get("/ui/mailboxes").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("erp@contoso.onmicrosoft.com"))
                .body(containsString("<a href=\"/ui/credentials/erp-mail\">erp-mail</a>"))
                .body(containsString("MOVE"))
                .body(not(containsString("Not connected to the import-service")));
    }

    @Test
    void aRefusedPeerRequestIsExplained() {
        given().auth().preemptive().basic("admin", "admin-pass").get("/ui/routes").then().statusCode(200)
                .body(containsString("The smtp-service answered HTTP 401 to GET /api/routes"))
                .body(containsString("check the user and password"))
                .body(not(containsString("reader-pass"))).body(not(containsString("wrong")));
    }
}
