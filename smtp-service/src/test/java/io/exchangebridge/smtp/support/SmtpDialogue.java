package io.exchangebridge.smtp.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A raw SMTP client for exact replies: one line sent, the (last line of the) reply read. Trusts any certificate,
 * because the listener's test certificate is generated and self-signed.
 */
public final class SmtpDialogue implements AutoCloseable {

    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    /** The greeting. */
    public final String greeting;

    public SmtpDialogue(int port) throws IOException {
        socket = new Socket("localhost", port);
        socket.setSoTimeout(10_000);
        streams();
        greeting = reply();
    }

    private void streams() throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
    }

    /** Sends one line and answers the complete reply (multi-line replies joined with "\n"). */
    public String send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    /** Sends raw bytes (e.g. a message body ending in CRLF.CRLF) and answers the reply. */
    public String sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return reply();
    }

    private String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed; so far: " + reply);
            }
            if (!reply.isEmpty()) {
                reply.append('\n');
            }
            reply.append(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return reply.toString();
    }

    /** EHLO, STARTTLS and EHLO again over TLS. Answers the second EHLO reply. */
    public String startTls() throws IOException {
        send("EHLO client.test");
        String ready = send("STARTTLS");
        if (!ready.startsWith("220")) {
            throw new IOException("STARTTLS refused: " + ready);
        }
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[]{new TrustAll()}, null);
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, "localhost",
                    socket.getPort(), true);
            secure.startHandshake();
            socket = secure;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        streams();
        return send("EHLO client.test");
    }

    /** STARTTLS, then AUTH PLAIN; answers the AUTH reply. */
    public String login(String user, String password) throws IOException {
        startTls();
        return send("AUTH PLAIN " + Base64.getEncoder()
                .encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** DATA, then the message (dot-stuffing is the caller's) and the terminating dot; answers the final reply. */
    public String data(String message) throws IOException {
        String go = send("DATA");
        if (!go.startsWith("354")) {
            return go;
        }
        return sendRaw((message + ".\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // test client: never asked
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // the listener's self-signed test certificate
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
