package io.exchangebridge.credential.credential;

import static io.exchangebridge.credential.credential.GrantType.AUTHORIZATION_CODE;
import static io.exchangebridge.credential.credential.GrantType.CLIENT_CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The one Scope string of the vendor guides: what each form means, and what each impossible one is told. */
class ScopeStringTest {

    static Map<String, List<String>> ok(String scope, GrantType grant) {
        ScopeString.Parsed parsed = ScopeString.parse(scope, grant);
        assertThat(parsed.error()).as(scope).isNull();
        return parsed.scopes();
    }

    static String error(String scope, GrantType grant) {
        ScopeString.Parsed parsed = ScopeString.parse(scope, grant);
        assertThat(parsed.valid()).as(scope).isFalse();
        assertThat(parsed.scopes()).isNull();
        return parsed.error();
    }

    @Test
    void theGuidesExamples() {
        assertThat(ok("Mail.ReadWrite offline_access", AUTHORIZATION_CODE))
                .isEqualTo(Map.of("graph", List.of("Mail.ReadWrite")));
        assertThat(ok("https://outlook.office.com/SMTP.Send offline_access", AUTHORIZATION_CODE))
                .isEqualTo(Map.of("outlook", List.of("SMTP.Send")));
        assertThat(ok("https://graph.microsoft.com/.default", CLIENT_CREDENTIALS))
                .isEqualTo(Map.of("graph", List.of()));
        assertThat(ok("https://outlook.office365.com/.default", CLIENT_CREDENTIALS))
                .isEqualTo(Map.of("outlook", List.of()));
    }

    @Test
    void prefixesAndSpellingsOfTheSameResource() {
        assertThat(ok("https://graph.microsoft.com/Mail.ReadWrite https://graph.microsoft.com/Mail.Send",
                AUTHORIZATION_CODE)).isEqualTo(Map.of("graph", List.of("Mail.ReadWrite", "Mail.Send")));
        assertThat(ok("Mail.ReadWrite https://graph.microsoft.com/Mail.Send", AUTHORIZATION_CODE))
                .isEqualTo(Map.of("graph", List.of("Mail.ReadWrite", "Mail.Send")));
        assertThat(ok("HTTPS://Graph.Microsoft.com/Mail.Read", AUTHORIZATION_CODE))
                .isEqualTo(Map.of("graph", List.of("Mail.Read")));
        assertThat(ok("00000003-0000-0000-c000-000000000000/Mail.Read", AUTHORIZATION_CODE))
                .isEqualTo(Map.of("graph", List.of("Mail.Read")));
        assertThat(ok("https://outlook.office365.com/SMTP.Send", AUTHORIZATION_CODE))
                .isEqualTo(Map.of("outlook", List.of("SMTP.Send")));
        assertThat(ok("https://outlook.office.com/.default", CLIENT_CREDENTIALS))
                .isEqualTo(Map.of("outlook", List.of()));
        assertThat(ok("00000002-0000-0ff1-ce00-000000000000/.default", CLIENT_CREDENTIALS))
                .isEqualTo(Map.of("outlook", List.of()));
        // Bare .default is Graph's, like every bare name.
        assertThat(ok(".default", CLIENT_CREDENTIALS)).isEqualTo(Map.of("graph", List.of()));
        // Extra spaces, repeated scopes, OIDC scopes in any case.
        assertThat(ok("  Mail.ReadWrite   Mail.ReadWrite OFFLINE_ACCESS openid profile email ", AUTHORIZATION_CODE))
                .isEqualTo(Map.of("graph", List.of("Mail.ReadWrite")));
        // Shared mailboxes with delegated permissions.
        assertThat(ok("Mail.ReadWrite.Shared Mail.Send.Shared offline_access", AUTHORIZATION_CODE))
                .isEqualTo(Map.of("graph", List.of("Mail.ReadWrite.Shared", "Mail.Send.Shared")));
    }

    @Test
    void delegatedDefaultAlone() {
        assertThat(ok("https://graph.microsoft.com/.default offline_access", AUTHORIZATION_CODE))
                .isEqualTo(Map.of("graph", List.of(".default")));
    }

    @Test
    void twoResourcesInOneStringAreExplained() {
        String message = error("Mail.ReadWrite https://outlook.office.com/SMTP.Send offline_access",
                AUTHORIZATION_CODE);
        assertThat(message).contains("mixes 2 resources (Microsoft Graph; Outlook)").contains("AADSTS70011")
                .contains("AADSTS28000").contains("one credential per resource")
                .contains("'Mail.ReadWrite offline_access' and 'https://outlook.office.com/SMTP.Send offline_access'");
        assertThat(error("https://graph.microsoft.com/.default https://outlook.office365.com/.default",
                CLIENT_CREDENTIALS)).contains("mixes 2 resources")
                .contains("'https://graph.microsoft.com/.default' and 'https://outlook.office365.com/.default'");
    }

    @Test
    void clientCredentialsNeedsDefault() {
        assertThat(error("Mail.Send", CLIENT_CREDENTIALS)).contains("names the scope Mail.Send")
                .contains("write 'https://graph.microsoft.com/.default'")
                .contains("grant Mail.Send as application permission");
        assertThat(error("https://outlook.office365.com/SMTP.SendAsApp", CLIENT_CREDENTIALS))
                .contains("write 'https://outlook.office365.com/.default'");
        assertThat(error("https://graph.microsoft.com/.default https://graph.microsoft.com/Mail.Read",
                CLIENT_CREDENTIALS)).contains("names the scope Mail.Read");
        assertThat(error("https://graph.microsoft.com/.default offline_access", CLIENT_CREDENTIALS))
                .contains("'offline_access'").contains("no refresh token")
                .contains("Write 'https://graph.microsoft.com/.default'");
        assertThat(error("https://outlook.office365.com/.default openid", CLIENT_CREDENTIALS))
                .contains("Write 'https://outlook.office365.com/.default'");
        assertThat(error("offline_access", CLIENT_CREDENTIALS))
                .contains("Write 'https://graph.microsoft.com/.default'");
    }

    @Test
    void defaultWithNamedScopesOfTheSameResource() {
        assertThat(error("https://graph.microsoft.com/.default Mail.ReadWrite offline_access", AUTHORIZATION_CODE))
                .contains("combines https://graph.microsoft.com/.default with named scopes")
                .contains("AADSTS70011")
                .contains("'https://graph.microsoft.com/.default offline_access'")
                .contains("'Mail.ReadWrite offline_access'");
        assertThat(error("https://outlook.office.com/.default https://outlook.office.com/SMTP.Send",
                AUTHORIZATION_CODE)).contains("'https://outlook.office.com/SMTP.Send offline_access'");
    }

    @Test
    void onlyOidcScopesNameNoPermission() {
        assertThat(error("offline_access openid", AUTHORIZATION_CODE))
                .contains("names no permission, only 'offline_access openid'")
                .contains("'Mail.ReadWrite offline_access'");
    }

    @Test
    void outlookPermissionsWithoutPrefixWouldBeGraphs() {
        assertThat(error("SMTP.Send offline_access", AUTHORIZATION_CODE))
                .contains("SMTP.Send without a prefix").contains("Microsoft Graph permission")
                .contains("Write 'https://outlook.office.com/SMTP.Send offline_access'");
        assertThat(error("IMAP.AccessAsUser.All", AUTHORIZATION_CODE))
                .contains("'https://outlook.office.com/IMAP.AccessAsUser.All offline_access'");
        assertThat(error("SMTP.SendAsApp", CLIENT_CREDENTIALS)).contains("'https://outlook.office365.com/.default'");
    }

    @Test
    void unknownFormsAreRefused() {
        for (String scope : List.of("https://example.com/read", "api://my-api/access",
                "http://graph.microsoft.com/Mail.Read",
                "https://graph.microsoft.com/v1.0/Mail.Read", "Mail.Read\"", "Mail.Read<b>")) {
            assertThat(error(scope, AUTHORIZATION_CODE)).as(scope).contains("not a Microsoft Graph or Outlook scope")
                    .contains("structured scopes map");
        }
        assertThat(error("https://graph.microsoft.com", CLIENT_CREDENTIALS))
                .contains("names the resource https://graph.microsoft.com without a permission")
                .contains("'https://graph.microsoft.com/.default'");
        assertThat(error("https://outlook.office.com/ offline_access", AUTHORIZATION_CODE))
                .contains("'https://outlook.office.com/SMTP.Send'");
    }

    @Test
    void blankCommasAndLength() {
        assertThat(error("", AUTHORIZATION_CODE)).startsWith("is required: one Scope string");
        assertThat(error("   ", CLIENT_CREDENTIALS)).startsWith("is required");
        assertThat(error(null, AUTHORIZATION_CODE)).startsWith("is required");
        assertThat(error("Mail.ReadWrite, offline_access", AUTHORIZATION_CODE))
                .isEqualTo("separates scopes with spaces, not commas: write 'Mail.ReadWrite offline_access'");
        assertThat(error("Mail.Read ".repeat(200), AUTHORIZATION_CODE)).startsWith("is too long");
    }

    @Test
    void theViewsStringOfStoredScopes() {
        assertThat(ScopeString.of(Map.of("graph", List.of("Mail.ReadWrite")), true))
                .contains("Mail.ReadWrite offline_access");
        assertThat(ScopeString.of(Map.of("outlook", List.of("SMTP.Send")), true))
                .contains("https://outlook.office.com/SMTP.Send offline_access");
        assertThat(ScopeString.of(Map.of("graph", List.of()), false)).contains("https://graph.microsoft.com/.default");
        assertThat(ScopeString.of(Map.of("outlook", List.of()), false))
                .contains("https://outlook.office365.com/.default");
        assertThat(ScopeString.of(Map.of("graph", List.of(".default")), true))
                .contains("https://graph.microsoft.com/.default offline_access");
        assertThat(ScopeString.of(Map.of("graph", List.of("https://graph.microsoft.com/Mail.Read", "offline_access")),
                true)).contains("Mail.Read offline_access");
        assertThat(ScopeString.of(Map.of("https://graph.microsoft.com", List.of("Mail.Read")), true))
                .contains("Mail.Read offline_access");
        // Only the structured map can say these.
        assertThat(ScopeString.of(Map.of("graph", List.of("Mail.ReadWrite"), "outlook", List.of("SMTP.Send")), true))
                .isEmpty();
        assertThat(ScopeString.of(Map.of("https://management.azure.com", List.of()), false)).isEmpty();
    }

    @Test
    void theViewsStringReadsBackToTheSameScopes() {
        for (String scope : List.of("Mail.ReadWrite offline_access",
                "https://outlook.office.com/SMTP.Send offline_access",
                "https://graph.microsoft.com/.default offline_access",
                "Mail.ReadWrite.Shared Mail.Send.Shared offline_access")) {
            Map<String, List<String>> scopes = ok(scope, AUTHORIZATION_CODE);
            assertThat(ScopeString.of(scopes, true)).contains(scope);
        }
        for (String scope : List.of("https://graph.microsoft.com/.default", "https://outlook.office365.com/.default")) {
            assertThat(ScopeString.of(ok(scope, CLIENT_CREDENTIALS), false)).contains(scope);
        }
    }

    @Test
    void sameMeaningIsEqualAfterNormalizing() {
        assertThat(ScopeString.normalize(Map.of("graph", List.of(".default")), false))
                .isEqualTo(ScopeString.normalize(Map.of("https://graph.microsoft.com", List.of()), false))
                .isEqualTo(Map.of("graph", Set.of()));
        assertThat(ScopeString.normalize(Map.of("outlook", List.of("https://outlook.office.com/SMTP.Send",
                "offline_access")), true)).isEqualTo(Map.of("outlook", Set.of("SMTP.Send")));
        assertThat(ScopeString.normalize(Map.of("graph", List.of("Mail.Read")), true))
                .isNotEqualTo(ScopeString.normalize(Map.of("graph", List.of("Mail.ReadWrite")), true));
    }
}
