package io.exchangebridge.testing;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The promise every service makes about text PostgreSQL cannot store (issue 13): every operation of its OpenAPI
 * document answers 400 problem+json naming the parameter or field when a path parameter, a query parameter or a string
 * field of the JSON (or form) request body holds a NUL, another control character or an unpaired UTF-16 surrogate, and
 * nothing is stored. Never a 5xx. <p> A service runs it against itself with a few lines:
 *
 * <pre> &#64;QuarkusTest &#64;WithTestResource(value = PostgresTestResource.class, scope =
 * TestResourceScope.RESTRICTED_TO_CLASS) class HostileTextTest extends HostileTextContract { protected
 * RequestSpecification caller(String method, String path) { ... } } </pre>
 *
 * The values sent: U+0000, U+0001, U+001F, U+007F (DEL is not a C0 control but is a control character, category Cc; it
 * has no place in an id or a header and the foundation refuses it too) and a lone high surrogate (in JSON the escape
 * &#92;ud800, in a URL the bytes {@code %ED%A0%80}, which are not valid UTF-8), each between two letters; in fields
 * that are not multi-line also TAB, CR and LF (CR/LF in a subject or header would be header injection). Raw MIME bodies
 * ({@code message/*}) are bytes the service must keep byte-exact and are not sent these values.
 */
public abstract class HostileTextContract {

    /** Values refused everywhere, as they appear in a JSON string and decoded. */
    static final List<String> REFUSED_EVERYWHERE = List.of("a\u0000b", "a\u0001b", "a\u001Fb", "a\u007Fb", "a\uD800b");

    /** Values refused in fields that are not multi-line. */
    static final List<String> REFUSED_IN_SINGLE_LINE = List.of("a\tb", "a\rb", "a\nb", "a\r\nBcc: x@example.com");

    /** A user allowed to read the OpenAPI document ({@code /q/openapi}). */
    protected abstract RequestSpecification admin();

    /**
     * A user allowed to call the operation, so that the request passes authorization and reaches input validation; the
     * admin by default.
     */
    protected RequestSpecification caller(String method, String path) {
        return admin();
    }

    /**
     * Request body properties, as {@code Schema.property}, that allow TAB, CR and LF (annotated
     * {@code @MultiLineText}): they are not sent those.
     */
    protected Set<String> multiLineFields() {
        return Set.of();
    }

    /**
     * A request body the service would accept for the operation (null: one of well-typed values made from the schema,
     * which the service's own validation may refuse). With it, a hostile value differs from a request that would be
     * stored in that one field only, so "nothing was stored" means something. Fields it lacks are added.
     */
    protected Object validBody(String method, String path) {
        return null;
    }

    /**
     * Tables whose row count may change while refused requests are answered (none by default). Override only for a
     * table that legitimately records refusals, and say why.
     */
    protected Set<String> tablesThatRecordRefusals() {
        return Set.of();
    }

    /** Creates what {@link #validBody} refers to, such as a route for its sender (nothing by default). */
    protected void prepare() {
    }

    @Test
    public void hostileTextIsRefusedByEveryOperationAndNothingIsStored() throws SQLException {
        OpenApiOperations api = new OpenApiOperations(admin().accept("application/json")
                .get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath().getMap("$"));
        prepare();
        Map<String, Long> before = rowCounts();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (OpenApiOperations.Operation op : api.operations()) {
            for (OpenApiOperations.Input input : op.inputs()) {
                for (String value : valuesFor(input)) {
                    sent++;
                    Response response = send(op, input, value);
                    String failure = refusal(response, input);
                    if (failure != null) {
                        failures.add(op.method().toUpperCase() + " " + op.path() + " " + input.describe() + " = "
                                + Json.quote(value) + ": " + failure);
                    }
                }
            }
        }
        assertTrue(sent > 0, "the OpenAPI document lists no operation with text input");
        assertTrue(failures.isEmpty(), failures.size() + " of " + sent + " hostile requests were not refused:\n"
                + String.join("\n", failures));
        Map<String, Long> after = rowCounts();
        assertEquals(before, after, "refused requests must not store anything");
    }

    private List<String> valuesFor(OpenApiOperations.Input input) {
        List<String> values = new ArrayList<>(REFUSED_EVERYWHERE);
        if (!multiLineFields().contains(input.schemaProperty())) {
            values.addAll(REFUSED_IN_SINGLE_LINE);
        }
        return values;
    }

    private Response send(OpenApiOperations.Operation op, OpenApiOperations.Input input, String value) {
        StringBuilder path = new StringBuilder();
        for (String segment : op.path().split("/", -1)) {
            if (!path.isEmpty() || !segment.isEmpty()) {
                path.append('/');
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                boolean hostile = input.in() == OpenApiOperations.In.PATH && input.name().equals(name);
                path.append(hostile ? percentEncode(value) : percentEncode(op.pathValue(name)));
            } else {
                path.append(segment);
            }
        }
        if (input.in() == OpenApiOperations.In.QUERY) {
            path.append('?').append(percentEncode(input.name())).append('=').append(percentEncode(value));
        }
        RequestSpecification request = caller(op.method(), op.path()).urlEncodingEnabled(false);
        if (input.in() == OpenApiOperations.In.BODY) {
            Object body = op.bodyWith(validBody(op.method(), op.path()), input, value);
            if (input.mediaType().equals("application/x-www-form-urlencoded")) {
                request = request.contentType(input.mediaType()).body(formEncode(body));
            } else {
                request = request.contentType(input.mediaType()).body(Json.write(body).getBytes(
                        StandardCharsets.UTF_8));
            }
        } else if (op.bodyMediaType() != null) {
            Object body = validBody(op.method(), op.path());
            request = request.contentType(op.bodyMediaType()).body(Json.write(body == null ? op.baselineBody() : body)
                    .getBytes(StandardCharsets.UTF_8));
        }
        return request.request(op.method().toUpperCase(), path.toString());
    }

    /** Why the answer is not the refusal the contract asks for; null when it is. */
    private static String refusal(Response response, OpenApiOperations.Input input) {
        try {
            response.then().statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("status", equalTo(400))
                    .body("detail", containsString("'" + input.expectedName() + "'"));
            return null;
        } catch (AssertionError e) {
            String body = response.asString();
            return response.statusCode() + " " + response.contentType() + " "
                    + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
        }
    }

    /**
     * UTF-8 percent-encoding of every byte but unreserved characters; a lone surrogate becomes the bytes
     * {@code ED A0 80}, which a correct decoder must refuse, since Java's encoder would quietly turn it into '?'.
     */
    static String percentEncode(String value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            byte[] bytes;
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1)))) {
                bytes = new byte[]{(byte) (0xE0 | (c >> 12)), (byte) (0x80 | ((c >> 6) & 0x3F)),
                        (byte) (0x80 | (c & 0x3F))};
            } else if (Character.isHighSurrogate(c)) {
                bytes = value.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                i++;
            } else {
                bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            }
            for (byte b : bytes) {
                int u = b & 0xFF;
                if (u < 0x80 && (Character.isLetterOrDigit(u) || "-._~".indexOf(u) >= 0)) {
                    sb.append((char) u);
                } else {
                    sb.append('%').append(String.format("%02X", u));
                }
            }
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static String formEncode(Object body) {
        StringBuilder sb = new StringBuilder();
        ((Map<String, Object>) body).forEach((name, value) -> {
            if (value instanceof String text) {
                if (!sb.isEmpty()) {
                    sb.append('&');
                }
                sb.append(percentEncode(name)).append('=').append(percentEncode(text));
            }
        });
        return sb.toString();
    }

    /** Rows per table of the service's schema, through JDBC to the test database. */
    private Map<String, Long> rowCounts() throws SQLException {
        EmbeddedPostgres postgres = PostgresTestResource.current();
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("app"), postgres.username(),
                postgres.password()); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(!tables.isEmpty(), "no tables in the service's schema");
            for (String table : tables) {
                if (tablesThatRecordRefusals().contains(table)) {
                    continue;
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return new LinkedHashMap<>(counts);
    }
}
