package io.exchangebridge.simulator.testmail;

/** Deliberate defects real mailers produce, so importers can be tested against them. */
public enum Malformation {
    /** A header line without a colon ({@code X-Broken-Header this line has no colon}). */
    HEADER_WITHOUT_COLON,
    /** A Subject whose RFC 2047 encoded-word never ends with {@code ?=}. */
    UNTERMINATED_ENCODED_WORD,
    /** Raw 8-bit (ISO-8859-1) bytes in the Subject and From display name, not RFC 2047 encoded. */
    EIGHT_BIT_HEADER
}
