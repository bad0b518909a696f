package io.exchangebridge.smtp.metrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bounded {@code code} tag of {@code relay_deliveries_total}: Exchange's enhanced status code when the reply has
 * one ({@code 4.7.0}, {@code 5.7.139}), else its three-digit reply or HTTP status ({@code 250}, {@code 429}), else
 * {@code none} (a network error, no route). Never the free text of a reply.
 */
public final class ReplyCode {

    private static final Pattern BASIC = Pattern.compile("^([2-5][0-9][0-9])(?:[ -]|$)");
    private static final Pattern ENHANCED = Pattern.compile("(?:^|[ -])([245]\\.[0-9]{1,3}\\.[0-9]{1,3})(?:[ ;:,)]|$)");

    private ReplyCode() {
    }

    public static String of(String reply) {
        if (reply == null) {
            return "none";
        }
        Matcher basic = BASIC.matcher(reply);
        if (!basic.find()) {
            return "none";
        }
        Matcher enhanced = ENHANCED.matcher(reply);
        return enhanced.find(basic.end() - 1) ? enhanced.group(1) : basic.group(1);
    }
}
