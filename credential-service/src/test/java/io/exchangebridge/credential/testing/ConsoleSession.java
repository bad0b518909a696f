package io.exchangebridge.credential.testing;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.specification.RequestSpecification;

/** The admin's browser for RestAssured: signed in, with the CSRF cookie and a form's token from a page. */
public final class ConsoleSession {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String cookie;
    private final String token;

    private ConsoleSession(String cookie, String token) {
        this.cookie = cookie;
        this.token = token;
    }

    /** Opens {@code page} (which has a form) and keeps its cookie and token. */
    public static ConsoleSession open(String page) {
        var response = admin().get(page).then().statusCode(200).extract();
        Matcher m = TOKEN.matcher(response.asString());
        if (!m.find()) {
            throw new IllegalStateException("No form on " + page);
        }
        return new ConsoleSession(response.cookie("eb-csrf"), m.group(1));
    }

    /** A form post as this browser sends it. */
    public RequestSpecification form() {
        return admin().cookie("eb-csrf", cookie).formParam("csrf", token);
    }

    public static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "admin-pass").redirects().follow(false);
    }
}
