package io.exchangebridge.simulator.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.entra.AccessToken;

class SimulatedDirectoryTest {

    private final SimulatedDirectory directory = new SimulatedDirectory();
    private final Tenant contoso = directory.tenant("contoso.onmicrosoft.com");
    private final Tenant fabrikam = directory.tenant("fabrikam.onmicrosoft.com");
    private final User alice = contoso.user("Alice@contoso.onmicrosoft.com");
    private final User bob = contoso.user("bob@contoso.onmicrosoft.com");
    private final User info = contoso.sharedMailbox("info@contoso.onmicrosoft.com").grantAccess(alice.upn())
            .grantSendAs(alice.upn());

    @Test
    void findsTenantsByIdOrDomainAndMailboxesByIdOrUpnIgnoringCase() {
        assertThat(directory.findTenant(contoso.id())).contains(contoso);
        assertThat(directory.findTenant("CONTOSO.onmicrosoft.com")).contains(contoso);
        assertThat(directory.mailbox("ALICE@contoso.onmicrosoft.com")).contains(alice.mailbox());
        assertThat(directory.mailbox(info.id()).map(Mailbox::shared)).contains(true);
        assertThat(directory.mailbox("nobody@contoso.onmicrosoft.com")).isEmpty();
    }

    @Test
    void applicationTokensReachEveryMailboxOfTheirTenantOnly() {
        AccessToken app = token(contoso, Optional.empty(), Set.of(), Set.of("Mail.ReadWrite", "Mail.Send"));
        assertThat(directory.mayAccessMail(app, info.mailbox())).isTrue();
        assertThat(directory.mayAccessMail(app, fabrikam.user("eve@fabrikam.onmicrosoft.com").mailbox())).isFalse();
        assertThat(directory.maySendMail(app, alice.mailbox(), alice.upn())).isTrue();
        assertThat(directory.maySendMail(app, alice.mailbox(), info.upn())).isTrue();
        assertThat(directory.maySendMail(app, bob.mailbox(), info.upn())).isFalse();
        AccessToken readOnly = token(contoso, Optional.empty(), Set.of(), Set.of("Mail.Read"));
        assertThat(directory.mayAccessMail(readOnly, alice.mailbox())).isFalse();
    }

    @Test
    void applicationAccessPolicyLimitsAppOnlyTokensToListedMailboxes() {
        contoso.app("client").restrictToMailboxes(info.upn());
        AccessToken app = token(contoso, Optional.empty(), Set.of(), Set.of("Mail.ReadWrite", "Mail.Send"));

        assertThat(directory.mayAccessMail(app, info.mailbox())).isTrue();
        assertThat(directory.mayAccessMail(app, bob.mailbox())).isFalse();
        assertThat(directory.maySendMail(app, bob.mailbox(), bob.upn())).isFalse();
        contoso.app("client").removeMailboxRestriction();
        assertThat(directory.mayAccessMail(app, bob.mailbox())).isTrue();
    }

    @Test
    void delegatedTokensReachOwnMailboxAndDelegatedOnesOnlyWithShared() {
        AccessToken asAlice = token(contoso, Optional.of(alice.upn()), Set.of("Mail.ReadWrite"), Set.of());
        AccessToken asBob = token(contoso, Optional.of(bob.upn()), Set.of("Mail.ReadWrite", "Mail.Send"), Set.of());
        AccessToken asAliceShared = token(contoso, Optional.of(alice.upn()), Set.of("Mail.ReadWrite.Shared"),
                Set.of());
        AccessToken asBobShared = token(contoso, Optional.of(bob.upn()), Set.of("Mail.ReadWrite.Shared"), Set.of());
        assertThat(directory.mayAccessMail(asAlice, alice.mailbox())).isTrue();
        // another mailbox needs the .Shared scope, and the mailbox's grant
        assertThat(directory.mayAccessMail(asAlice, info.mailbox())).isFalse();
        assertThat(directory.mayAccessMail(asAliceShared, info.mailbox())).isTrue();
        assertThat(directory.mayAccessMail(asAliceShared, alice.mailbox())).isTrue();
        assertThat(directory.mayAccessMail(asBobShared, info.mailbox())).isFalse();
        assertThat(directory.mayAccessMail(asBob, info.mailbox())).isFalse();
        assertThat(directory.mayAccessMail(asBob, alice.mailbox())).isFalse();
        assertThat(directory.maySendMail(asBob, bob.mailbox(), info.upn())).isFalse();
    }

    @Test
    void sendAsAndSmtpAuthSwitches() {
        assertThat(directory.maySendAs(alice.upn(), "INFO@contoso.onmicrosoft.com")).isTrue();
        assertThat(directory.maySendAs(bob.upn(), info.upn())).isFalse();
        assertThat(directory.maySendAs(bob.upn(), bob.upn())).isTrue();

        assertThat(directory.smtpAuthEnabled(alice.mailbox())).isTrue();
        alice.smtpAuthEnabled(false);
        assertThat(directory.smtpAuthEnabled(alice.mailbox())).isFalse();
        contoso.smtpAuthEnabled(false);
        assertThat(directory.smtpAuthEnabled(bob.mailbox())).isFalse();
    }

    private static AccessToken token(Tenant tenant, Optional<String> upn, Set<String> scopes, Set<String> roles) {
        return new AccessToken("raw", tenant.id(), "client", "https://graph.microsoft.com", upn, "oid", scopes, roles,
                Instant.now().plusSeconds(3600));
    }
}
