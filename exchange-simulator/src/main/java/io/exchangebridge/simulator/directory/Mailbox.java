package io.exchangebridge.simulator.directory;

/**
 * A user's mailbox or a shared mailbox in a simulated tenant.
 *
 * @param id
 *            the object id (a GUID string), as Graph returns it
 * @param upn
 *            the user principal name, which is also the primary SMTP address
 * @param tenantId
 *            the tenant the mailbox belongs to
 * @param displayName
 *            the display name
 * @param shared
 *            true for a shared mailbox (no sign-in of its own)
 */
public record Mailbox(String id, String upn, String tenantId, String displayName, boolean shared) {
}
