package io.exchangebridge.simulator.smtp;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;

/**
 * How the simulated smtp.office365.com listens and what it advertises.
 *
 * @param hostName
 *            the front-end server name Exchange puts in its greeting, EHLO and replies
 * @param bindAddress
 *            where to listen
 * @param port
 *            the port; 0 picks a free one
 * @param maxMessageSize
 *            the EHLO {@code SIZE} and the enforced limit in bytes; Exchange Online: 157286400 (150 MB)
 * @param messagesPerMinute
 *            the per-mailbox sending limit applied when it is switched on; Exchange Online: 30
 * @param clock
 *            time source for reply timestamps and the sending limit
 * @param idleTimeout
 *            how long a connection may wait for the client's next command before Exchange answers {@code 421 4.4.1
 *            Connection timed out} and closes it; {@link Duration#ZERO}: never. Exchange Online: about 5 minutes.
 *            Measured in real time, not on {@code clock}, as it is about sockets
 */
public record SmtpSettings(String hostName, InetAddress bindAddress, int port, int maxMessageSize,
        int messagesPerMinute, Clock clock, Duration idleTimeout) {

    public static final int EXCHANGE_MAX_MESSAGE_SIZE = 157_286_400;
    public static final int EXCHANGE_MESSAGES_PER_MINUTE = 30;
    public static final Duration EXCHANGE_IDLE_TIMEOUT = Duration.ofMinutes(5);

    /** Exchange Online's values on a free loopback port. */
    public static SmtpSettings defaults() {
        return new SmtpSettings("SIM01PR00CA0001.outlook.office365.com", InetAddress.getLoopbackAddress(), 0,
                EXCHANGE_MAX_MESSAGE_SIZE, EXCHANGE_MESSAGES_PER_MINUTE, Clock.systemUTC(), EXCHANGE_IDLE_TIMEOUT);
    }

    public SmtpSettings withBindAddress(InetAddress address) {
        return new SmtpSettings(hostName, address, port, maxMessageSize, messagesPerMinute, clock, idleTimeout);
    }

    public SmtpSettings withPort(int newPort) {
        return new SmtpSettings(hostName, bindAddress, newPort, maxMessageSize, messagesPerMinute, clock, idleTimeout);
    }

    public SmtpSettings withMaxMessageSize(int bytes) {
        return new SmtpSettings(hostName, bindAddress, port, bytes, messagesPerMinute, clock, idleTimeout);
    }

    public SmtpSettings withClock(Clock newClock) {
        return new SmtpSettings(hostName, bindAddress, port, maxMessageSize, messagesPerMinute, newClock, idleTimeout);
    }

    /** Another idle timeout; {@link Duration#ZERO} turns it off. */
    public SmtpSettings withIdleTimeout(Duration timeout) {
        return new SmtpSettings(hostName, bindAddress, port, maxMessageSize, messagesPerMinute, clock, timeout);
    }
}
