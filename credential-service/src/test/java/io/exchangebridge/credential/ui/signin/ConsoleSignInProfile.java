package io.exchangebridge.credential.ui.signin;

import java.util.List;
import java.util.Map;

import io.exchangebridge.credential.testing.ConsoleSignInResource;
import io.exchangebridge.credential.testing.PeerServicesResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The console as in production: the OIDC tenant {@code console} on, against the simulator's Entra tenant
 * ({@link ConsoleSignInResource}), HTTP Basic sign-in to the console off, and the members of {@link #ADMIN_GROUP}
 * administrators. The REST API keeps its Basic users; the other services are the console's fakes
 * ({@link PeerServicesResource}).
 */
public class ConsoleSignInProfile implements QuarkusTestProfile {

    /** The object id of a security group whose members are the console's administrators. */
    public static final String ADMIN_GROUP = "5e0c1a2b-1111-4222-8333-944444444444";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.oidc.console.tenant-enabled", "true", "credential.console.basic-sign-in", "false",
                "quarkus.http.auth.roles-mapping.\"" + ADMIN_GROUP + "\"", "admin");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ConsoleSignInResource.class),
                new TestResourceEntry(PeerServicesResource.class));
    }
}
