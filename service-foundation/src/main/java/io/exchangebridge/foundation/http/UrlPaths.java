package io.exchangebridge.foundation.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The small URL helpers the services used to write inline. */
public final class UrlPaths {

    private UrlPaths() {
    }

    /** {@code value} as one path segment: percent-encoded, a space as {@code %20} (not the form encoding's '+'). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code base} without trailing slashes, so that {@code base + "/path"} never has two. */
    public static String withoutTrailingSlash(String base) {
        int end = base.length();
        while (end > 0 && base.charAt(end - 1) == '/') {
            end--;
        }
        return base.substring(0, end);
    }

    public static String withoutTrailingSlash(URI base) {
        return withoutTrailingSlash(base.toString());
    }
}
