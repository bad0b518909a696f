package io.exchangebridge.credential.ui;

import io.exchangebridge.credential.credential.CredentialView;

/** A credential as the list and the detail page show it: the API's view plus the status summary and times. */
public record CredentialRow(CredentialView view, StatusSummary status, String grant, String account,
        When lastRefresh, When nextRefresh) {

    /**
     * A moment or a state ("never", "after you act"): {@code text} compact for the list ({@code 22 Nov 23:17}),
     * {@code full} with year and zone for the detail page and the list's tooltip.
     */
    public record When(String text, String full) {

        static When of(String state) {
            return new When(state, state);
        }
    }

    public boolean delegated() {
        return "authorization_code".equals(view.grantType());
    }
}
