package io.exchangebridge.simulator.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.directory.SimulatedDirectory;
import io.exchangebridge.simulator.limits.SendingLimits.Refusal;
import io.exchangebridge.simulator.time.SimulatorClock;

/** The counting rules: sliding 24 hours, refused messages count nothing, internal and external recipients. */
class SendingLimitsTest {

    private static final String ALICE = "alice@contoso.test";
    private static final String BOB = "bob@contoso.test";
    private static final String ERIN = "erin@fabrikam.test";

    private final SimulatorClock clock = new SimulatorClock(Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"),
            ZoneOffset.UTC));
    private final SimulatedDirectory directory = new SimulatedDirectory();
    private final SendingLimits limits = new SendingLimits(directory, clock);

    SendingLimitsTest() {
        directory.tenant("contoso.test").user(ALICE);
        directory.tenant("contoso.test").user(BOB);
        directory.tenant("fabrikam.test").user(ERIN);
    }

    @Test
    void defaultsAreExchangeOnlines() {
        assertThat(limits.recipientsPerDay()).isEqualTo(10_000);
        assertThat(limits.recipientsPerMessage()).isEqualTo(500);
        assertThat(limits.externalRecipientsPerDay()).isEqualTo(10_000);
        assertThat(limits.tooManyForOneMessage(500)).isFalse();
        assertThat(limits.tooManyForOneMessage(501)).isTrue();
    }

    @Test
    void recipientsCountInASlidingDay() {
        limits.recipientsPerDay(3);
        assertThat(limits.admit(ALICE, List.of(BOB, ERIN))).isEmpty();
        clock.advance(Duration.ofHours(12));
        assertThat(limits.admit(ALICE, List.of(BOB))).isEmpty();

        assertThat(limits.admit(ALICE, List.of(BOB))).contains(Refusal.MAILBOX_RECIPIENT_RATE);
        assertThat(limits.recipientsSent(ALICE)).isEqualTo(3);
        assertThat(limits.mailboxFreesAt(ALICE, 1)).isEqualTo(clock.instant().plus(Duration.ofHours(12)));
        clock.advance(Duration.ofHours(12));
        assertThat(limits.recipientsSent(ALICE)).isEqualTo(1);
        assertThat(limits.admit(ALICE, List.of(BOB, BOB))).isEmpty();
        assertThat(limits.recipientsSent(BOB)).isZero();
    }

    @Test
    void externalRecipientsAreThoseOutsideTheSendersTenant() {
        limits.externalRecipientsPerDay(2);
        String tenant = directory.findTenant("contoso.test").orElseThrow().id();
        assertThat(limits.admit(ALICE, List.of(BOB, ERIN, "x@elsewhere.example"))).isEmpty();
        assertThat(limits.externalRecipientsSent(tenant)).isEqualTo(2);

        assertThat(limits.admit(BOB, List.of("y@elsewhere.example"))).contains(Refusal.TENANT_EXTERNAL_RECIPIENT_RATE);
        assertThat(limits.admit(BOB, List.of(ALICE))).isEmpty();
        assertThat(limits.externalRecipientsSent(directory.findTenant("fabrikam.test").orElseThrow().id())).isZero();
    }

    @Test
    void tooManyRecipientsCountNothingAndResetRestoresTheDefaults() {
        limits.recipientsPerMessage(1);
        assertThat(limits.admit(ALICE, List.of(BOB, ERIN))).contains(Refusal.TOO_MANY_RECIPIENTS);
        assertThat(limits.recipientsSent(ALICE)).isZero();
        limits.admit(ALICE, List.of(BOB));

        limits.reset();

        assertThat(limits.recipientsSent(ALICE)).isZero();
        assertThat(limits.recipientsPerMessage()).isEqualTo(500);
        assertThatThrownBy(() -> limits.recipientsPerDay(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
