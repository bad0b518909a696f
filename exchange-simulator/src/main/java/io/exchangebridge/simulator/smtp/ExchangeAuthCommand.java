package io.exchangebridge.simulator.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * AUTH as Exchange Online answers it. Before STARTTLS no mechanism exists ({@code 504 5.7.4}); after it XOAUTH2 in both
 * forms (one line with the initial response, or {@code 334} then the response), and LOGIN, which is only refused
 * because basic authentication is off. The token itself never reaches a log or a reply.
 */
final class ExchangeAuthCommand extends BaseCommand {

    private static final String XOAUTH2 = "XOAUTH2";

    private final SmtpContext context;

    ExchangeAuthCommand(SmtpContext context) {
        super("AUTH", "Authentication service", "AUTH <mechanism> [initial-response]");
        this.context = context;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        String id = SmtpContext.connectionId(session);
        ExchangeReplies replies = context.replies();
        String[] args = commandString.trim().split(" +");
        String mechanism = args.length > 1 ? args[1].toUpperCase(Locale.ROOT) : "";
        Optional<LongAuthLineFilter> filter = Optional.of(session.getSocket()).filter(FilteredSocket.class::isInstance)
                .map(s -> ((FilteredSocket) s).filter());
        Optional<String> initialResponse = args.length == 3 ? Optional.of(args[2]) : Optional.empty();
        if (filter.map(LongAuthLineFilter::takeSplitLine).orElse(false)) {
            // a one-line AUTH too long for subethasmtp: its response was moved to the next line
            initialResponse = Optional.ofNullable(readRawLine(session));
        }
        int words = initialResponse.isPresent() ? 3 : args.length;
        if (session.getHelo().isEmpty()) {
            context.reply(session, "smtp.auth", mechanism, replies.sendHelloFirst(id));
        } else if (session.isAuthenticated()) {
            context.reply(session, "smtp.auth", mechanism, replies.badSequence(id));
        } else if (!session.isTLSStarted() || words < 2 || words > 3) {
            context.reply(session, "smtp.auth", mechanism, replies.unrecognizedAuthType(id));
        } else if (mechanism.equals(XOAUTH2)) {
            xoauth2(session, initialResponse, filter, id);
        } else if (mechanism.equals("LOGIN")) {
            login(session, initialResponse.isPresent(), id);
        } else {
            context.reply(session, "smtp.auth", mechanism, replies.unrecognizedAuthType(id));
        }
    }

    private void xoauth2(Session session, Optional<String> initialResponse, Optional<LongAuthLineFilter> filter,
            String id) throws IOException {
        String form = initialResponse.isPresent() ? "XOAUTH2 one-line" : "XOAUTH2";
        String data = initialResponse.isPresent() ? initialResponse.get() : challenge(session, "334 ");
        if (data == null) {
            return;
        }
        Optional<XOAuth2Response> response = XOAuth2Response.parse(data);
        if (response.isEmpty()) {
            context.reply(session, "smtp.auth", form, ExchangeReplies.INVALID_XOAUTH2);
            return;
        }
        String user = response.get().user();
        String reply;
        String appId;
        switch (context.tokenCheck().check(response.get())) {
            case SmtpTokenCheck.Accepted accepted -> {
                session.setAuthenticationHandler(accepted.sender());
                filter.ifPresent(LongAuthLineFilter::deactivate);
                String mailbox = accepted.sender().upn();
                context.connections().opened(mailbox, session);
                if (session.getSocket() instanceof FilteredSocket filtered) {
                    filtered.onClose(() -> context.connections().closed(mailbox, session));
                }
                reply = ExchangeReplies.AUTH_SUCCESSFUL;
                appId = accepted.sender().token().appId();
            }
            case SmtpTokenCheck.Refused refused -> {
                reply = context.replies().authUnsuccessful(id);
                appId = refused.appId();
            }
            case SmtpTokenCheck.AuthDisabled disabled -> {
                reply = context.replies().smtpAuthDisabled(disabled.forMailbox(), id);
                appId = disabled.appId();
            }
        }
        session.sendResponse(reply);
        context.log("smtp.auth", form, appId, user, Integer.parseInt(reply.substring(0, 3)));
    }

    /** Basic authentication is gone from Exchange Online: the dialogue runs, then it is refused. */
    private void login(Session session, boolean usernameGiven, String id) throws IOException {
        if (!usernameGiven && challenge(session, "334 VXNlcm5hbWU6") == null) {
            return;
        }
        if (challenge(session, "334 UGFzc3dvcmQ6") == null) {
            return;
        }
        context.reply(session, "smtp.auth", "LOGIN", context.replies().basicAuthDisabled(id));
    }

    /** Sends a 334 challenge and reads the answer; null when the client cancelled with "*" or went away. */
    private String challenge(Session session, String prompt) throws IOException {
        session.sendResponse(prompt);
        String line = readRawLine(session);
        if (line == null) {
            session.quit();
            return null;
        }
        if (line.trim().equals("*")) {
            context.reply(session, "smtp.auth", "cancelled", "501 5.0.0 Authentication cancelled");
            return null;
        }
        return line;
    }

    /** One line straight from the connection: SASL responses may exceed subethasmtp's 998-character limit. */
    private static String readRawLine(Session session) throws IOException {
        StringBuilder line = new StringBuilder();
        InputStream in = session.getRawInput();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return c == -1 && line.isEmpty() ? null : line.toString();
    }
}
