package io.exchangebridge.simulator.admin;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Tenant;
import io.exchangebridge.simulator.directory.User;

/** What the admin API answers. Secret values are never echoed, only their ids and expiry. */
final class AdminViews {

    private AdminViews() {
    }

    record TenantView(String id, String domain, boolean smtpAuthEnabled, boolean conditionalAccessBlock,
            List<String> users, List<String> apps) {

        static TenantView of(Tenant t) {
            return new TenantView(t.id(), t.domain(), t.smtpAuthEnabled(), t.conditionalAccessBlock(),
                    t.users().stream().map(User::upn).sorted().toList(),
                    t.apps().stream().map(AppRegistration::clientId).sorted().toList());
        }
    }

    record UserView(String id, String upn, String tenantId, String displayName, boolean shared,
            boolean smtpAuthEnabled, Set<String> delegates, Set<String> sendAs, Set<String> sendOnBehalf,
            Map<String, Set<String>> appRoles, Set<String> groups) {

        static UserView of(User u) {
            return new UserView(u.id(), u.upn(), u.tenant().id(), u.displayName(), u.shared(), u.smtpAuthEnabled(),
                    u.delegates(), u.sendAsGrantees(), u.sendOnBehalfGrantees(), u.appRoleAssignments(), u.groups());
        }
    }

    record SecretView(String id, Instant expiresAt) {
    }

    record FederatedView(String issuer, String subject, String audience) {
    }

    record AppView(String clientId, String tenantId, String displayName, String servicePrincipalId, boolean enabled,
            boolean publicClient, boolean consentWithheld, Set<String> redirectUris, List<SecretView> secrets,
            List<String> certificateThumbprints, List<FederatedView> federatedCredentials,
            Map<String, Set<String>> applicationRoles, Map<String, Set<String>> consentedScopes,
            Set<String> restrictedToMailboxes, String groupMembershipClaims, Set<String> identifierUris,
            Set<String> appRoles) {

        static AppView of(AppRegistration a) {
            return new AppView(a.clientId(), a.tenant().id(), a.displayName(), a.servicePrincipalId(), a.enabled(),
                    a.publicClient(), a.consentWithheld(), a.redirectUris(),
                    a.secrets().stream().map(s -> new SecretView(s.id(), s.expiresAt())).toList(),
                    a.certificates().stream().map(AdminViews::sha256Thumbprint).toList(),
                    a.federatedCredentials().stream()
                            .map(f -> new FederatedView(f.issuer(), f.subject(), f.audience())).toList(),
                    a.applicationRoles(), a.consentedScopes(), a.restrictedToMailboxes(), a.groupMembershipClaims(),
                    a.identifierUris(), a.definedAppRoles());
        }
    }

    private static String sha256Thumbprint(X509Certificate certificate) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
