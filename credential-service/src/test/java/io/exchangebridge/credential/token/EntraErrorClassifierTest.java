package io.exchangebridge.credential.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.exchangebridge.credential.credential.CredentialStatus;

/** The facts table: error and error_codes decide, never the description. */
class EntraErrorClassifierTest {

    @ParameterizedTest
    @CsvSource({
            "400, invalid_grant, 70008, true, CONSENT_REQUIRED, AADSTS70008",
            "400, invalid_grant, 700082, true, CONSENT_REQUIRED, AADSTS700082",
            "400, invalid_grant, 50173, true, CONSENT_REQUIRED, AADSTS50173",
            "400, invalid_grant, 70043, true, CONSENT_REQUIRED, AADSTS70043",
            "400, invalid_grant, 70000, true, CONSENT_REQUIRED, AADSTS70000",
            "400, invalid_grant, 54005, true, CONSENT_REQUIRED, AADSTS54005",
            "401, invalid_client, 7000215, false, CONFIG_ERROR, AADSTS7000215",
            "401, invalid_client, 7000222, false, CONFIG_ERROR, AADSTS7000222",
            "400, unauthorized_client, 700016, false, CONFIG_ERROR, AADSTS700016",
            "400, invalid_request, 900144, true, CONFIG_ERROR, AADSTS900144",
            "400, invalid_scope, 70011, false, CONFIG_ERROR, AADSTS70011",
            "400, invalid_grant, 65001, true, CONSENT_REQUIRED, AADSTS65001",
            "400, invalid_grant, 65001, false, CONFIG_ERROR, AADSTS65001",
            "400, invalid_grant, 53003, true, CONFIG_ERROR, AADSTS53003",
            "503, temporarily_unavailable, 0, true, TRANSIENT_ERROR, temporarily_unavailable",
            "500, server_error, 0, false, TRANSIENT_ERROR, server_error",
            "400, invalid_grant, 0, true, CONSENT_REQUIRED, invalid_grant",
            "401, invalid_client, 0, false, CONFIG_ERROR, invalid_client"})
    void classifiesByErrorAndCode(int status, String error, long code, boolean delegated, CredentialStatus expected,
            String expectedCode) {
        var failure = new EntraResult.Failure(status, error, code == 0 ? List.of() : List.of(code),
                Optional.<Duration>empty());
        Classification c = EntraErrorClassifier.classify(failure, delegated);
        assertThat(c.status()).isEqualTo(expected);
        assertThat(c.code()).isEqualTo(expectedCode);
        assertThat(c.explanation()).isNotBlank();
    }

    @org.junit.jupiter.api.Test
    void unreachableIsTransient() {
        Classification c = EntraErrorClassifier.classify(new EntraResult.Unreachable("ConnectException"), false);
        assertThat(c.status()).isEqualTo(CredentialStatus.TRANSIENT_ERROR);
        assertThat(c.explanation()).contains("could not be reached");
    }
}
