package io.exchangebridge.importer.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Notifications on: the public URL is the test server itself (on a free port chosen here, since the URL must be known
 * before the server starts), http allowed, no scheduled maintenance (tests call it), a short lifetime so that renewal
 * is reached by moving the simulator clock half an hour.
 */
public class NotificationsProfile implements QuarkusTestProfile {

    private static final int PORT = freePort();

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.test-port", String.valueOf(PORT),
                "importer.notifications.public-url", "http://localhost:" + PORT,
                "importer.notifications.allow-http", "true",
                "importer.notifications.maintain-every", "off",
                "importer.notifications.lifetime", "PT1H",
                "importer.notifications.renew-before", "PT30M");
    }
}
