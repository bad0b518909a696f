package io.exchangebridge.credential.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Connects the console to a {@link FakePeerServices} (import-service and smtp-service) for the test's Quarkus
 * application. The tests reach its state through {@link #fake()}.
 */
public class PeerServicesResource implements QuarkusTestResourceLifecycleManager {

    private static volatile FakePeerServices current;

    /** The running fake of the current test application. */
    public static FakePeerServices fake() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        current = new FakePeerServices();
        String base = current.start();
        return Map.of("credential.ui.import-service.url", base + "/import",
                "credential.ui.import-service.user", FakePeerServices.USER,
                "credential.ui.import-service.password", FakePeerServices.PASSWORD,
                "credential.ui.smtp-service.url", base + "/smtp",
                "credential.ui.smtp-service.user", FakePeerServices.USER,
                "credential.ui.smtp-service.password", FakePeerServices.PASSWORD);
    }

    @Override
    public void stop() {
        if (current != null) {
            current.stop();
        }
    }
}
