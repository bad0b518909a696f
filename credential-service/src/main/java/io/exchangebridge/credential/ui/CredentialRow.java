package io.exchangebridge.credential.ui;

import io.exchangebridge.credential.credential.CredentialView;

/** A credential as the list and the detail page show it: the API's view plus the status summary and times. */
public record CredentialRow(CredentialView view, StatusSummary status, String grant, String account,
        String lastRefresh, String nextRefresh) {

    public boolean delegated() {
        return "authorization_code".equals(view.grantType());
    }
}
