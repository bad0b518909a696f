package io.exchangebridge.simulator.graph.store;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Ids shaped like Exchange's: URL-safe base64 with Exchange's prefixes. Ids are case sensitive, so an id whose case was
 * changed is not found; anything that is not shaped like an id is "malformed", as Graph answers.
 */
public final class GraphIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern WELL_FORMED = Pattern.compile("A[AQ][A-Za-z0-9_-]{18,}={0,2}");

    private GraphIds() {
    }

    /** A REST (mutable) message id: it changes whenever the message moves to another folder. */
    public static String restMessageId() {
        return "AAMkAD" + random(47);
    }

    /** An immutable message id: it survives moves. */
    public static String immutableMessageId() {
        return "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A" + random(35);
    }

    /** An attachment id, in the shape of Exchange's (base64 of the item id plus the attachment's index). */
    public static String attachmentId() {
        return "AAMkAGI2THVSAAABEgAQ" + random(30);
    }

    public static String folderId() {
        return "AQMkAD" + random(32);
    }

    public static String conversationId(byte[] seed) {
        return "AAQkAD" + Base64.getUrlEncoder().encodeToString(seed);
    }

    /** Opaque tokens for delta links. */
    public static String token() {
        return random(48).replace("=", "");
    }

    public static boolean wellFormed(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().encodeToString(buffer);
    }
}
