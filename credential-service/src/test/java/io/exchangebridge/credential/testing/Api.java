package io.exchangebridge.credential.testing;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The credential-service's REST API as the tests use it. */
public final class Api {

    public static final String TENANT = "contoso.onmicrosoft.com";

    private Api() {
    }

    public static RequestSpecification admin() {
        return as("admin");
    }

    /**
     * Users of the test profile: admin, app1 (all credentials), app2 (credentials app2-*); password
     * {@code <name>-pass}.
     */
    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-pass").contentType("application/json");
    }

    /** A client_credentials credential with a secret, for the simulator's tenant. */
    public static Map<String, Object> appCredential(String id, String clientId, String secret) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("grantType", "client_credentials");
        body.put("tenantId", TENANT);
        body.put("clientId", clientId);
        body.put("clientSecret", secret);
        body.put("scopes", Map.of("graph", List.of(), "outlook", List.of()));
        return body;
    }

    /** An authorization_code credential with Graph and Outlook scopes. */
    public static Map<String, Object> delegatedCredential(String id, String clientId, String secret) {
        Map<String, Object> body = appCredential(id, clientId, secret);
        body.put("grantType", "authorization_code");
        body.put("scopes", Map.of("graph", List.of("Mail.ReadWrite"), "outlook", List.of("SMTP.Send")));
        return body;
    }

    public static void create(Map<String, Object> credential) {
        admin().body(credential).post("/api/credentials").then().statusCode(201);
    }

    public static Response token(String user, String credentialId, String resource) {
        return as(user).body(Map.of("resource", resource)).post("/api/credentials/" + credentialId + "/token");
    }
}
