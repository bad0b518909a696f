package io.exchangebridge.simulator.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLSocket;

/** A line-level SMTP client, to see Exchange's exact replies. */
final class RawSmtpClient implements AutoCloseable {

    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    final String greeting;

    RawSmtpClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(10_000);
        streams();
        greeting = reply();
    }

    private void streams() throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
    }

    /** Sends one line and returns the (possibly multi-line) reply, lines joined with \n. */
    String send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    /** Writes raw bytes (e.g. a message and its final dot) and returns the reply. */
    String sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return reply();
    }

    String reply() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed; read so far: " + lines);
            }
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return String.join("\n", lines);
    }

    /** EHLO, STARTTLS, TLS handshake, EHLO again; returns the second EHLO reply. */
    String startTls(String host, int port) throws Exception {
        send("EHLO client.example");
        String ready = send("STARTTLS");
        if (!ready.startsWith("220")) {
            throw new IOException(ready);
        }
        SSLSocket tls = (SSLSocket) TestTls.trustingClientContext().getSocketFactory().createSocket(socket, host, port,
                true);
        tls.startHandshake();
        socket = tls;
        streams();
        return send("EHLO client.example");
    }

    /** True when the server closed the connection. */
    boolean closedByServer() {
        try {
            return in.readLine() == null;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
