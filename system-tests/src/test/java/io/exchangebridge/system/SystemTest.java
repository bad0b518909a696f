package io.exchangebridge.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.exchangebridge.simulator.ExchangeSimulator;

/** A test against the {@link SharedStack}; every class ends by checking that no process logged a known secret. */
abstract class SystemTest {

    static BridgeStack stack;
    static ExchangeSimulator sim;

    @BeforeAll
    static void useSharedStack() {
        stack = SharedStack.get();
        sim = stack.simulator();
    }

    @AfterAll
    static void noSecretsLogged() {
        SharedStack.assertNoSecretsInLogs();
    }
}
