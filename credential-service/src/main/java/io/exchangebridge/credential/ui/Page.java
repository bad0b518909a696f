package io.exchangebridge.credential.ui;

/**
 * What the layout of every page needs.
 *
 * @param title
 *            the page's heading and title
 * @param section
 *            the active navigation entry: credentials, mailboxes or routes
 * @param user
 *            the signed-in administrator
 * @param installation
 *            the installation's name ({@code credential.installation-name})
 * @param csrf
 *            the CSRF token of the page's forms
 * @param entra
 *            whether the user signed in with Entra ID (the layout then offers Sign out)
 */
public record Page(String title, String section, String user, String installation, String csrf, boolean entra) {
}
