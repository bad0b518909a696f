package io.exchangebridge.foundation.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    @Test
    void recognisesConnectionFailuresAnywhereInTheChain() {
        assertThat(DatabaseUnavailable.causedAnywhereIn(
                new IllegalStateException(new RuntimeException(new SQLException("gone", "08006"))))).isTrue();
        assertThat(DatabaseUnavailable.causedAnywhereIn(new SQLException("shutting down", "57P01"))).isTrue();
        assertThat(DatabaseUnavailable.causedAnywhereIn(new SQLTransientConnectionException("no route"))).isTrue();
        assertThat(DatabaseUnavailable.causedAnywhereIn(
                new RuntimeException(new SQLException("Sorry, acquisition timeout!")))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNotAnOutage() {
        assertThat(DatabaseUnavailable.causedAnywhereIn(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseUnavailable.causedAnywhereIn(new IllegalArgumentException("x"))).isFalse();
    }

    @Test
    void aCycleInTheCauseChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(DatabaseUnavailable.causedAnywhereIn(a)).isFalse();
    }
}
