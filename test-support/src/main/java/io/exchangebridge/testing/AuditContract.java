package io.exchangebridge.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * {@code GET /api/audit} of service-foundation, as every service answers it: an admin action of the service is listed
 * with who did it, newest first; filters and keyset paging work; the console's {@code X-Exchange-Bridge-On-Behalf-Of}
 * is recorded beside the admin user; bad parameters are a 400 problem and non-admins a 403.
 */
public abstract class AuditContract {

    /** An admin user and password of the service. */
    protected abstract String[] admin();

    /** A user of the service without the role admin. */
    protected abstract String[] nonAdmin();

    /**
     * What the log must show for an admin action: its name (such as "mailbox.create") and its target (the id of the
     * object, which the service may have given out itself, like a route's UUID).
     */
    public record Audited(String action, String target) {
    }

    /**
     * Performs one audited admin action as {@link #admin()} on a new object, named by {@code name} where the service
     * lets the caller choose the id, sending {@code headers} with the request.
     */
    protected abstract Audited adminAction(String name, Map<String, String> headers);

    /** The entries of {@code target}, waiting a little for a service that writes its log in batches. */
    private List<Map<String, Object>> entriesOf(String target) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> audit(Map.of("target", target)).jsonPath().<Map<String, Object>>getList("items"),
                items -> !items.isEmpty());
    }

    private Response audit(Map<String, ?> params) {
        return given().auth().preemptive().basic(admin()[0], admin()[1]).queryParams(params).get("/api/audit");
    }

    @Test
    public void anAdminActionIsListedWithWhoDidIt() {
        Instant before = Instant.now().minusSeconds(5);
        Audited done = adminAction("audit-" + UUID.randomUUID().toString().substring(0, 8), Map.of());
        String target = done.target();
        String action = done.action();
        audit(Map.of("target", target)).then().statusCode(200);
        List<Map<String, Object>> items = entriesOf(target);
        assertThat(items).hasSize(1);
        Map<String, Object> entry = items.get(0);
        assertThat(entry).containsEntry("actor", admin()[0]).containsEntry("action", action)
                .containsEntry("target", target).containsKey("service").containsKey("result");
        assertThat(Instant.parse((String) entry.get("at"))).isAfter(before);
        assertThat(audit(Map.of("target", target, "action", action.substring(0, action.indexOf('.') + 1)))
                .jsonPath().getList("items")).hasSize(1);
        assertThat(audit(Map.of("target", target, "action", "no-such-action")).jsonPath().getList("items")).isEmpty();
        assertThat(audit(Map.of("target", target, "from", Instant.now().plusSeconds(60).toString())).jsonPath()
                .getList("items")).isEmpty();
    }

    @Test
    public void theConsolesPersonIsRecordedBesideTheAdminUser() {
        String target = adminAction("audit-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of("X-Exchange-Bridge-On-Behalf-Of", "alice@contoso.example")).target();
        assertThat(entriesOf(target).get(0).get("actor")).isEqualTo("alice@contoso.example via " + admin()[0]);
        assertThat(audit(Map.of("target", target, "actor", "ALICE")).jsonPath().getList("items")).hasSize(1);
    }

    @Test
    public void pagesAreNewestFirstAndFollowTheCursor() {
        String prefix = "audit-page-" + UUID.randomUUID().toString().substring(0, 6);
        List<Audited> done = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            done.add(adminAction(prefix + "-" + i, Map.of()));
            entriesOf(done.get(i).target());
        }
        String action = done.get(0).action();
        Response first = audit(Map.of("limit", 2, "action", action));
        first.then().statusCode(200);
        List<Map<String, Object>> page1 = first.jsonPath().getList("items");
        assertThat(page1).hasSize(2);
        assertThat(page1.get(0).get("target")).isEqualTo(done.get(2).target());
        assertThat(page1.get(1).get("target")).isEqualTo(done.get(1).target());
        String cursor = first.jsonPath().getString("nextCursor");
        assertThat(cursor).isNotBlank();
        assertThat(audit(Map.of("limit", 1, "action", action, "cursor", cursor)).jsonPath()
                .getString("items[0].target"))
                .isEqualTo(done.get(0).target());
    }

    @Test
    public void badParametersAreNamedAndOnlyAdminsRead() {
        for (Map<String, ?> bad : List.of(Map.of("limit", 0), Map.of("limit", 100_000), Map.of("from", "yesterday"),
                Map.of("cursor", "abc"))) {
            Response r = audit(bad);
            r.then().statusCode(400).contentType("application/problem+json");
            assertThat(r.jsonPath().getString("detail")).contains(bad.keySet().iterator().next());
        }
        given().auth().preemptive().basic(nonAdmin()[0], nonAdmin()[1]).get("/api/audit").then().statusCode(403);
        given().get("/api/audit").then().statusCode(401);
    }
}
