package io.exchangebridge.simulator.graph.draft;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code createUploadSession} of a draft's attachment: chunks must arrive in order, each starting where the last
 * ended ({@code nextExpectedRanges} is the single value {@code "{start}"} for Outlook items), with a
 * {@code Content-Range} whose total is the declared size and at most 4 MB per chunk. Each chunk extends the expiration.
 * The last chunk yields the attachment.
 */
public final class UploadSession {

    /** Graph's documented ceiling per PUT. */
    public static final int MAX_CHUNK_BYTES = 4 * 1024 * 1024;
    /** How long a session lives without a chunk (Graph does not document it). */
    public static final Duration LIFETIME = Duration.ofMinutes(15);

    private static final Pattern RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+)");

    private final String id;
    private final String token;
    private final String mailbox;
    private final String appId;
    private final String messageId;
    private final String name;
    private final String contentType;
    private final long size;
    private final boolean inline;
    private final String contentId;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private Instant expiresAt;

    UploadSession(String id, String token, String mailbox, String appId, String messageId, String name,
            String contentType, long size, boolean inline, String contentId, Instant now) {
        this.id = id;
        this.token = token;
        this.mailbox = mailbox;
        this.appId = appId;
        this.messageId = messageId;
        this.name = name;
        this.contentType = contentType;
        this.size = size;
        this.inline = inline;
        this.contentId = contentId;
        this.expiresAt = now.plus(LIFETIME);
    }

    public String id() {
        return id;
    }

    /** The secret the upload URL carries instead of an Authorization header. */
    public String token() {
        return token;
    }

    /** The UPN of the mailbox that holds the draft. */
    public String mailbox() {
        return mailbox;
    }

    /** The app that created the session; its uploads count against its throttling limits. */
    public String appId() {
        return appId;
    }

    /** The immutable id of the draft. */
    public String messageId() {
        return messageId;
    }

    public long size() {
        return size;
    }

    public synchronized Instant expiresAt() {
        return expiresAt;
    }

    public synchronized long nextExpected() {
        return received.size();
    }

    public synchronized boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * Takes one chunk.
     *
     * @return the attachment when this was the last chunk
     * @throws UploadRefusal
     *             for a missing or malformed range, a wrong total, a gap, an overlap or a chunk over 4 MB
     */
    public synchronized Optional<DraftAttachment> accept(String contentRange, byte[] chunk, String attachmentId,
            Instant now) {
        Matcher m = RANGE.matcher(contentRange == null ? "" : contentRange.trim());
        if (!m.matches()) {
            throw new UploadRefusal(400, "ErrorInvalidRequest",
                    "The Content-Range header is missing or not of the form 'bytes {start}-{end}/{total}'.");
        }
        long from = Long.parseLong(m.group(1));
        long to = Long.parseLong(m.group(2));
        long total = Long.parseLong(m.group(3));
        if (total != size) {
            throw new UploadRefusal(400, "ErrorInvalidRequest",
                    "The Content-Range total " + total + " is not the attachment size " + size + ".");
        }
        if (to < from || to >= size || chunk.length != to - from + 1) {
            throw new UploadRefusal(400, "ErrorInvalidRequest", "The Content-Range bytes " + from + "-" + to
                    + " do not match the " + chunk.length + " bytes of the request.");
        }
        if (chunk.length > MAX_CHUNK_BYTES) {
            throw new UploadRefusal(413, "RequestEntityTooLarge",
                    "A chunk of an upload session may have at most 4 MB, not " + chunk.length + " bytes.");
        }
        long next = received.size();
        if (from != next) {
            throw new UploadRefusal(416, "ErrorInvalidRange", from < next
                    ? "The chunk overlaps bytes already received; the next expected range starts at " + next + "."
                    : "The chunk leaves a gap; the next expected range starts at " + next + ".");
        }
        received.write(chunk, 0, chunk.length);
        expiresAt = now.plus(LIFETIME);
        if (received.size() < size) {
            return Optional.empty();
        }
        return Optional.of(new DraftAttachment(attachmentId, name, contentType, received.toByteArray(), inline,
                contentId, now));
    }
}
