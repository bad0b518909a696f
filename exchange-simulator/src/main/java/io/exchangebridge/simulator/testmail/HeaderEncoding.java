package io.exchangebridge.simulator.testmail;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** RFC 2047 encoded-words for headers and RFC 2231 extended parameters for file names. */
final class HeaderEncoding {

    private static final int MAX_ENCODED_WORD = 75;
    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private HeaderEncoding() {
    }

    static boolean isPrintableAscii(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /**
     * The text as one or more encoded-words of at most 75 characters, split on character boundaries (a stateful charset
     * such as ISO-2022-JP returns to ASCII at the end of each word, as RFC 1468 requires), joined by folding
     * whitespace.
     */
    static String encodeWords(String text, Charset charset, char encoding) {
        if (isPrintableAscii(text)) {
            return text;
        }
        String prefix = "=?" + charset.name() + "?" + encoding + "?";
        List<String> words = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.length();
            String word = encodeWord(prefix, text.substring(start, end), charset, encoding);
            while (word.length() > MAX_ENCODED_WORD && end - start > 1) {
                end = start + Math.max(1, (end - start) * 2 / 3);
                if (Character.isHighSurrogate(text.charAt(end - 1))) {
                    end++;
                }
                word = encodeWord(prefix, text.substring(start, end), charset, encoding);
            }
            words.add(word);
            start = end;
        }
        return String.join("\r\n ", words);
    }

    private static String encodeWord(String prefix, String chunk, Charset charset, char encoding) {
        byte[] bytes = chunk.getBytes(charset);
        String payload = encoding == 'B' ? Base64.getEncoder().encodeToString(bytes) : qEncode(bytes);
        return prefix + payload + "?=";
    }

    private static String qEncode(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == ' ') {
                sb.append('_');
            } else if (c > 0x20 && c < 0x7f && c != '=' && c != '?' && c != '_' && c != '"') {
                sb.append((char) c);
            } else {
                sb.append('=').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    /**
     * A parameter (e.g. {@code filename}) for Content-Disposition: plain and quoted when ASCII, otherwise RFC 2231
     * {@code filename*=UTF-8''...}, split into continuations {@code filename*0*=...; filename*1*=...} when long.
     */
    static String parameter(String name, String value) {
        if (isPrintableAscii(value) && value.length() <= 60) {
            return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        String encoded = percentEncode(value.getBytes(StandardCharsets.UTF_8));
        if (encoded.length() <= 60) {
            return name + "*=UTF-8''" + encoded;
        }
        List<String> sections = new ArrayList<>();
        int index = 0;
        int pos = 0;
        while (pos < encoded.length()) {
            int end = Math.min(encoded.length(), pos + 60);
            // never cut a %XX escape in half
            while (end < encoded.length() && (encoded.charAt(end - 1) == '%' || encoded.charAt(end - 2) == '%')) {
                end--;
            }
            String section = encoded.substring(pos, end);
            sections.add(name + "*" + index + "*=" + (index == 0 ? "UTF-8''" : "") + section);
            index++;
            pos = end;
        }
        return String.join(";\r\n\t", sections);
    }

    private static String percentEncode(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || ATTR_CHARS.indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }
}
