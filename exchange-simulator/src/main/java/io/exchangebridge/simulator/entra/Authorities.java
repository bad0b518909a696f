package io.exchangebridge.simulator.entra;

import java.util.Locale;
import java.util.Set;

/** The tenant segment of an authority URL: a tenant id, a domain, or one of the multi-tenant aliases. */
final class Authorities {

    private static final Set<String> MULTI_TENANT = Set.of("common", "organizations", "consumers");

    private Authorities() {
    }

    static boolean isMultiTenant(String tenantInPath) {
        return MULTI_TENANT.contains(tenantInPath.toLowerCase(Locale.ROOT));
    }
}
