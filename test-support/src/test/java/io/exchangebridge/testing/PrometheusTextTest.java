package io.exchangebridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String TEXT = """
            # HELP credential_token_handouts_total
            # TYPE credential_token_handouts_total counter
            credential_token_handouts_total{source="memory"} 5.0 # {span_id="00f067aa0ba902b7",trace_id="4bf92f3577b34da6a3ce929d0e0e4736"} 1.0 1796232260.635
            credential_token_handouts_total{source="entra"} 2.0
            relay_deliveries_total{code="4.7.0",detail="a } in a value",outcome="retrying"} 3.0
            process_uptime_seconds 12.5
            """;

    @Test
    void valuesAreReadBeforeAnExemplarAndLabelValuesMayHoldBraces() {
        assertThat(PrometheusText.sum(TEXT, "credential_token_handouts_total", Map.of("source", "memory")))
                .isEqualTo(5.0);
        assertThat(PrometheusText.sum(TEXT, "credential_token_handouts_total", Map.of())).isEqualTo(7.0);
        assertThat(PrometheusText.sum(TEXT, "relay_deliveries_total", Map.of("outcome", "retrying"))).isEqualTo(3.0);
        assertThat(PrometheusText.sum(TEXT, "process_uptime_seconds", Map.of())).isEqualTo(12.5);
        assertThat(PrometheusText.sum(TEXT, "relay_deliveries_total", Map.of("outcome", "sent"))).isZero();
        assertThat(PrometheusText.names(TEXT)).containsExactly("credential_token_handouts_total",
                "process_uptime_seconds", "relay_deliveries_total");
    }
}
