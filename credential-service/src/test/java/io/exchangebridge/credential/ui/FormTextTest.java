package io.exchangebridge.credential.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The admin UI's form posts follow the foundation's text rule as the JSON API does: a control character in a
 * single-line field is shown next to that field (400), and nothing is stored; PEM fields may hold line breaks.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class FormTextTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @Test
    void aControlCharacterInAFormFieldIsShownAtTheFieldAndNothingIsStored() {
        Response form = given().auth().preemptive().basic("admin", "admin-pass").get("/ui/credentials/new");
        Matcher csrf = CSRF.matcher(form.asString());
        assertThat(csrf.find()).isTrue();

        Response posted = given().auth().preemptive().basic("admin", "admin-pass")
                .cookies(form.getDetailedCookies())
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("csrf", csrf.group(1))
                .formParam("id", "form-nul")
                .formParam("description", "line one\u0000")
                .formParam("grantType", "client_credentials")
                .formParam("tenantId", "contoso.onmicrosoft.com")
                .formParam("clientId", "6a3e0c1b-0000-4000-8000-0000000000f1")
                .formParam("clientAuthentication", "secret")
                .formParam("clientSecret", "s3cret\r\nX-Injected: yes")
                .formParam("graph", "true")
                .formParam("graphScopes", "https://graph.microsoft.com/.default")
                .post("/ui/credentials");

        assertThat(posted.statusCode()).isEqualTo(400);
        assertThat(posted.asString()).contains("contains a control character (U+0000)")
                .contains("contains a control character (U+000D)").doesNotContain("s3cret");
        given().auth().preemptive().basic("admin", "admin-pass").get("/api/credentials/form-nul").then()
                .statusCode(404);
    }
}
