package io.exchangebridge.simulator.smtp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.exchangebridge.simulator.log.RequestLog;

/** A running simulated Exchange SMTP with a small two-tenant directory and a token issuer. */
final class SmtpFixture implements AutoCloseable {

    static final String CONTOSO = "0b5d3f2a-0000-4000-8000-00000000c0c0";
    static final String FABRIKAM = "0b5d3f2a-0000-4000-8000-00000000fabc";
    static final String ALICE = "alice@contoso.onmicrosoft.com";
    static final String BOB = "bob@contoso.onmicrosoft.com";
    static final String SHARED = "shared@contoso.onmicrosoft.com";
    static final String EVE = "eve@fabrikam.onmicrosoft.com";

    private static TestTokens sharedTokens;

    final TestTokens tokens;
    final TestDirectory directory = new TestDirectory().mailbox(ALICE, CONTOSO).mailbox(BOB, CONTOSO)
            .mailbox(SHARED, CONTOSO).mailbox(EVE, FABRIKAM).grantSendAs(ALICE, SHARED);
    final RequestLog log = new RequestLog();
    final ExchangeSmtpServer server;

    SmtpFixture() throws Exception {
        this(SmtpSettings.defaults());
    }

    SmtpFixture(SmtpSettings settings) throws Exception {
        tokens = tokens();
        server = new ExchangeSmtpServer(TestTls.serverContext(), directory, tokens, log, settings,
                SmtpAuthFlags.inMemory()).start();
    }

    private static synchronized TestTokens tokens() throws Exception {
        if (sharedTokens == null) {
            sharedTokens = new TestTokens();
        }
        return sharedTokens;
    }

    /** Alice's delegated token for https://outlook.office.com/SMTP.Send. */
    String aliceToken() throws Exception {
        return tokens.delegated(CONTOSO, ALICE, TestTokens.OUTLOOK, "SMTP.Send",
                Instant.now().plus(Duration.ofHours(1)));
    }

    /** A client-credentials token of Contoso with SMTP.SendAsApp. */
    String appToken() throws Exception {
        return tokens.application(CONTOSO, TestTokens.OUTLOOK_365, List.of("SMTP.SendAsApp"),
                Instant.now().plus(Duration.ofHours(1)));
    }

    RawSmtpClient raw() throws Exception {
        return new RawSmtpClient(server.host(), server.port());
    }

    /** A raw client past STARTTLS and XOAUTH2 as {@code user}. */
    RawSmtpClient authenticated(String user, String token) throws Exception {
        RawSmtpClient client = raw();
        client.startTls(server.host(), server.port());
        String reply = client.send("AUTH XOAUTH2 " + XOAuth2Response.encode(user, token));
        if (!reply.startsWith("235")) {
            client.close();
            throw new IllegalStateException(reply);
        }
        return client;
    }

    @Override
    public void close() {
        server.stop();
    }
}
