package io.exchangebridge.credential.ui.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.exchangebridge.credential.ui.Console;
import io.exchangebridge.credential.ui.Page;
import io.exchangebridge.credential.ui.Peer;
import io.exchangebridge.credential.ui.PeerClient;
import io.exchangebridge.credential.ui.PeerResult;
import io.exchangebridge.foundation.audit.AuditPage;
import io.exchangebridge.foundation.audit.AuditQuery;
import io.exchangebridge.foundation.audit.AuditRecord;
import io.exchangebridge.foundation.audit.AuditTrail;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The audit log of all three services in one table, newest first: this service's own through {@link AuditTrail}, the
 * others' through their {@code GET /api/audit}, each asked for the newest {@code limit} entries matching the filters
 * and merged by time. A service that cannot be asked is named above the table; the others' entries are still shown.
 */
@Path("/ui/audit")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AuditLogPage {

    static final String OWN = "credential-service";
    static final List<String> SERVICES = List.of(OWN, Peer.IMPORT.serviceName(), Peer.SMTP.serviceName());
    static final int DEFAULT_LIMIT = 100;

    /** The filters as typed. */
    public record Filter(String actor, String action, String service, int limit) {

        /** This filter's URL showing more entries, or null at the most a page shows. */
        public String more() {
            return limit >= AuditQuery.MAX_LIMIT
                    ? null
                    : PeerClient.query("/ui/audit", "actor", actor, "action", action, "service", service, "limit",
                            Integer.toString(Math.min(AuditQuery.MAX_LIMIT, limit * 2)));
        }
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance audit(Page page, Filter filter, List<String> services,
                List<AuditRecord> entries, List<String> errors, boolean more);
    }

    private final AuditTrail trail;
    private final PeerClient peers;
    private final Console console;

    public AuditLogPage(AuditTrail trail, PeerClient peers, Console console) {
        this.trail = trail;
        this.peers = peers;
        this.console = console;
    }

    @GET
    public TemplateInstance audit(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("service") String service, @QueryParam("limit") Integer limit) {
        int n = limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(AuditQuery.MAX_LIMIT, limit));
        String only = service == null || service.isBlank() ? null : service.trim();
        Filter filter = new Filter(actor, action, only, n);
        List<AuditRecord> all = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (only == null || OWN.equals(only)) {
            all.addAll(trail.read(AuditQuery.of(actor, action, null, null, null, null, n)).items());
        }
        for (Peer peer : Peer.values()) {
            if (only != null && !peer.serviceName().equals(only)) {
                continue;
            }
            PeerResult<AuditPage> page = peers.get(peer, PeerClient.query("/api/audit", "actor", actor, "action",
                    action, "limit", Integer.toString(n)), AuditPage.class);
            if (page.ok() && page.value().items() != null) {
                all.addAll(page.value().items());
            } else if (!page.ok()) {
                errors.add(page.error());
            }
        }
        List<AuditRecord> merged = merge(all, n);
        return Templates.audit(console.page("Audit log", "audit"), filter, SERVICES, merged, errors,
                all.size() > merged.size() || merged.size() == n);
    }

    /** The newest {@code limit} of the services' entries; equal times in a fixed order (service, then id). */
    static List<AuditRecord> merge(List<AuditRecord> entries, int limit) {
        return entries.stream()
                .sorted(Comparator.comparing(AuditRecord::at, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(AuditRecord::service, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Comparator.comparingLong(AuditRecord::id).reversed()))
                .limit(limit).toList();
    }
}
