package io.exchangebridge.foundation.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class UrlPathsTest {

    @Test
    void encodesOnePathSegment() {
        assertThat(UrlPaths.segment("a b/c?d")).isEqualTo("a%20b%2Fc%3Fd");
        assertThat(UrlPaths.segment("contoso-relay")).isEqualTo("contoso-relay");
    }

    @Test
    void dropsTrailingSlashes() {
        assertThat(UrlPaths.withoutTrailingSlash("http://h:1//")).isEqualTo("http://h:1");
        assertThat(UrlPaths.withoutTrailingSlash(URI.create("http://h/base"))).isEqualTo("http://h/base");
    }
}
