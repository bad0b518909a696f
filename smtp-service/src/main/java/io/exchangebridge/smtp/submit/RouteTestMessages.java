package io.exchangebridge.smtp.submit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.foundation.audit.AuditTrail;
import io.exchangebridge.smtp.config.RelayConfig;
import io.exchangebridge.smtp.outbox.EnqueueResult;
import io.exchangebridge.smtp.route.RouteTester;
import io.exchangebridge.smtp.route.SenderRoute;

/** A route's test message: a short text built like a JSON submission and stored in the outbox like any other. */
@ApplicationScoped
public class RouteTestMessages implements RouteTester {

    private final MimeComposer composer;
    private final SubmissionService submissions;
    private final AuditTrail audit;
    private final RelayConfig config;

    public RouteTestMessages(MimeComposer composer, SubmissionService submissions, AuditTrail audit,
            RelayConfig config) {
        this.composer = composer;
        this.submissions = submissions;
        this.audit = audit;
        this.config = config;
    }

    @Override
    public TestMessage send(SenderRoute route, String from, String to, String submittedBy) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String text = "This is a test message of " + config.installationName() + ".\r\n\r\n"
                + "Sender route: " + route.id() + " (sender " + route.sender() + ", delivered as " + route.mailbox()
                + " over " + route.transport() + ")\r\n"
                + "Sent at: " + now + " by " + audit.actor() + "\r\n\r\n"
                + "If you can read this, mail from " + from + " reaches its recipients through this route.\r\n";
        PreparedMessage prepared = composer.compose(new SubmitRequest(from, List.of(to), null, null, null, SUBJECT,
                text, null, null, null));
        EnqueueResult stored = submissions.submit(submittedBy, prepared, (c, id) -> audit.record(c, "route.test",
                route.id().toString(), "to=" + to + " from=" + from + " message=" + id, "OK"));
        return new TestMessage(stored.id(), stored.status().name());
    }
}
