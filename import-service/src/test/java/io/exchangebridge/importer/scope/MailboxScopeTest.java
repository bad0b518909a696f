package io.exchangebridge.importer.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.config.ImporterConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Ids and globs of a scope, their SQL form, and the {@code importer.readers} keys as operators write them. */
class MailboxScopeTest {

    @Test
    void idsAndGlobsMatchWholeIdsCaseSensitively() {
        MailboxScope scope = new MailboxScope.Only(List.of("sales", "team-?", "eu.*"));
        assertThat(scope.covers("sales")).isTrue();
        assertThat(scope.covers("Sales")).isFalse();
        assertThat(scope.covers("sales-2")).isFalse();
        assertThat(scope.covers("team-a")).isTrue();
        assertThat(scope.covers("team-ab")).isFalse();
        assertThat(scope.covers("eu.")).isTrue();
        assertThat(scope.covers("eu.north")).isTrue();
        // '.' is a character of an id, not "any character".
        assertThat(scope.covers("euxnorth")).isFalse();
        assertThat(new MailboxScope.Only(List.of()).covers("sales")).isFalse();
        assertThat(MailboxScope.ALL.covers("anything")).isTrue();
    }

    @Test
    void likePatternsEscapeWhatSqlWouldTakeForAWildcard() {
        assertThat(new MailboxScope.Only(List.of("team_1", "eu-*", "a?c")).likePatterns())
                .containsExactly("team\\_1", "eu-%", "a_c");
    }

    @Test
    void aPatternThatCannotBeAnIdIsRefused() {
        assertThatThrownBy(() -> new MailboxScope.Only(List.of("sales/*"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sales/*'");
    }

    @Test
    void principalsWithColonsAreQuotedKeysAndAdminsAreNeverScoped() {
        ReaderScopes scopes = new ReaderScopes(config(Map.of(
                "importer.readers.\"system:serviceaccount:eb:crm\".mailboxes", "crm-*, sales",
                "importer.readers.\"0f1e2d3c-aaaa-bbbb-cccc-000000000001\".mailboxes", "sales")), null);
        MailboxScope crm = scopes.of("system:serviceaccount:eb:crm", false);
        assertThat(crm.covers("crm-eu")).isTrue();
        assertThat(crm.covers("sales")).isTrue();
        assertThat(crm.covers("hr")).isFalse();
        assertThat(scopes.of("0f1e2d3c-aaaa-bbbb-cccc-000000000001", false).covers("crm-eu")).isFalse();
        assertThat(scopes.of("system:serviceaccount:eb:crm", true)).isSameAs(MailboxScope.ALL);
        assertThat(scopes.of("unlisted", false)).isSameAs(MailboxScope.ALL);
    }

    @Test
    void unlistedReadersNoneReadNothing() {
        ReaderScopes scopes = new ReaderScopes(config(Map.of("importer.unlisted-readers", "none")), null);
        assertThat(scopes.of("unlisted", false).covers("sales")).isFalse();
        assertThat(scopes.of("an-admin", true)).isSameAs(MailboxScope.ALL);
    }

    @Test
    void aWrongPatternStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> new ReaderScopes(config(Map.of("importer.readers.crm.mailboxes", "crm/eu")), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("importer.readers.\"crm\".mailboxes").hasMessageContaining("'crm/eu'");
    }

    @Test
    void configuredReadersAreNamedUnlessAdmin() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(source(Map.of(
                "quarkus.security.users.embedded.roles.reader", "reader",
                "quarkus.security.users.embedded.roles.boss", "admin,reader",
                "quarkus.security.users.embedded.roles.cron", "trigger",
                "quarkus.security.users.embedded.roles.erp", "writer",
                "bridge-auth.principal-roles.\"system:serviceaccount:eb:crm\"", "reader"))).build();
        assertThat(ReaderScopes.configuredReaders(config)).containsExactly("cron", "erp", "reader",
                "system:serviceaccount:eb:crm");
    }

    private static ImporterConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(ImporterConfig.class).withSources(source(properties)).build()
                .getConfigMapping(ImporterConfig.class);
    }

    private static ConfigSource source(Map<String, String> properties) {
        return new PropertiesConfigSource(properties, "test", 100);
    }
}
