package io.exchangebridge.simulator.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The SASL XOAUTH2 format, checked against the example in Microsoft's documentation. */
class XOAuth2ResponseTest {

    static final String MS_USER = "test@contoso.onmicrosoft.com";
    static final String MS_TOKEN = "EwBAAl3BAAUFFpUAo7J3Ve0bjLBWZWCclRC3EoAA";
    static final String MS_ENCODED = "dXNlcj10ZXN0QGNvbnRvc28ub25taWNyb3NvZnQuY29tAWF1dGg9QmVhcmVyIEV3QkFBbDNCQUFVRkZwVUFvN0ozVmUwYmpMQldaV0NjbFJDM0VvQUEBAQ==";

    @Test
    void encodesMicrosoftsTestVectorExactly() {
        assertThat(XOAuth2Response.encode(MS_USER, MS_TOKEN)).isEqualTo(MS_ENCODED);
    }

    @Test
    void parsesMicrosoftsTestVector() {
        XOAuth2Response response = XOAuth2Response.parse(MS_ENCODED).orElseThrow();
        assertThat(response.user()).isEqualTo(MS_USER);
        assertThat(response.token()).isEqualTo(MS_TOKEN);
        assertThat(response.toString()).doesNotContain(MS_TOKEN);
    }

    @Test
    void refusesWhatIsNotXOAuth2() {
        assertThat(XOAuth2Response.parse("not base64 !!")).isEmpty();
        assertThat(XOAuth2Response.parse(b64("user=a@b.c\u0001auth=Bearer tok"))).as("missing final ^A^A").isEmpty();
        assertThat(XOAuth2Response.parse(b64("auth=Bearer tok\u0001\u0001"))).as("no user").isEmpty();
        assertThat(XOAuth2Response.parse(b64("user=a@b.c\u0001auth=Basic tok\u0001\u0001"))).as("not Bearer")
                .isEmpty();
        assertThat(XOAuth2Response.parse(b64("user=a@b.c\u0001auth=Bearer \u0001\u0001"))).as("empty token").isEmpty();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
