package io.exchangebridge.smtp.delivery;

/** Graph answered a step of a delivery with an error; {@link GraphDelivery} says what it means for the message. */
final class GraphRefused extends Exception {

    private final transient GraphClient.Answer answer;
    private final String step;

    GraphRefused(String step, GraphClient.Answer answer) {
        super(step + ": " + answer.status() + " " + answer.code(), null, false, false);
        this.step = step;
        this.answer = answer;
    }

    GraphClient.Answer answer() {
        return answer;
    }

    /** The Graph operation that was refused, e.g. {@code sendMail}, {@code createUploadSession}. */
    String step() {
        return step;
    }
}
