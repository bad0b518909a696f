package io.exchangebridge.simulator.smtp;

import io.exchangebridge.simulator.directory.Mailbox;
import io.exchangebridge.simulator.directory.SimulatedDirectory;
import io.exchangebridge.simulator.directory.Tenant;
import io.exchangebridge.simulator.directory.User;

/** The simulator's seeded directory owns the SMTP AUTH flags; the SMTP fault switches just flip them there. */
public final class DirectorySmtpAuthFlags implements SmtpAuthFlags {

    private final SimulatedDirectory directory;

    public DirectorySmtpAuthFlags(SimulatedDirectory directory) {
        this.directory = directory;
    }

    @Override
    public boolean tenantEnabled(String tenantId) {
        return directory.findTenant(tenantId).map(Tenant::smtpAuthEnabled).orElse(true);
    }

    @Override
    public boolean mailboxEnabled(Mailbox mailbox) {
        return directory.findUser(mailbox.id()).map(User::smtpAuthEnabled).orElse(true);
    }

    @Override
    public void tenant(String tenantId, boolean enabled) {
        directory.findTenant(tenantId).orElseThrow(() -> new IllegalArgumentException("no such tenant: " + tenantId))
                .smtpAuthEnabled(enabled);
    }

    @Override
    public void mailbox(String upn, boolean enabled) {
        directory.findUser(upn).orElseThrow(() -> new IllegalArgumentException("no such mailbox: " + upn))
                .smtpAuthEnabled(enabled);
    }
}
