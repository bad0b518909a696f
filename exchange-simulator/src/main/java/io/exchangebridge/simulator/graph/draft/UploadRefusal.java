package io.exchangebridge.simulator.graph.draft;

/** Why a chunk of an upload session was refused: the HTTP status and Graph error code it is answered with. */
public final class UploadRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    UploadRefusal(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
