package io.exchangebridge.simulator.graph;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh {@link GraphServer} per test and an application token with {@code Mail.ReadWrite}. */
abstract class GraphServerTest {

    protected GraphServer server;
    protected String token;

    @BeforeEach
    void startServer() throws Exception {
        server = new GraphServer();
        token = server.tokens.app("Mail.ReadWrite");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
