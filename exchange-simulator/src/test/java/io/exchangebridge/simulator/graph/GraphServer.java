package io.exchangebridge.simulator.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.exchangebridge.simulator.log.RequestLog;

/**
 * The Graph handlers on their own JDK HttpServer (dynamic port) with a test directory and test tokens: the Graph part
 * tested alone, with a clock the test controls.
 */
final class GraphServer implements AutoCloseable {

    static final String ALICE = "alice@contoso.test";
    static final String BOB = "bob@contoso.test";

    final MutableClock clock = new MutableClock();
    final TestDirectory directory = new TestDirectory();
    final TestTokens tokens = new TestTokens(clock);
    final RequestLog log = new RequestLog();
    final GraphMail mail = new GraphMail(directory, tokens, log, clock);
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    GraphServer() throws IOException {
        directory.add(ALICE);
        directory.add(BOB);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1.0", mail.graphHandler());
        server.createContext("/_sim/mail", mail.adminHandler());
        server.createContext("/api/v2.0", mail.uploadHandler());
        // concurrent requests must really run concurrently for the MailboxConcurrency limit to be observable
        server.setExecutor(executor);
        server.start();
    }

    String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String graph() {
        return root() + "/v1.0";
    }

    HttpRequest.Builder request(String pathOrUrl, String token) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : graph() + pathOrUrl;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    HttpResponse<String> get(String pathOrUrl, String token, String... headers) {
        HttpRequest.Builder builder = request(pathOrUrl, token);
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.GET().build());
    }

    HttpResponse<String> post(String path, String token, String body, String... headers) {
        HttpRequest.Builder builder = request(path, token).header("Content-Type", "application/json");
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.POST(BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> patch(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode body(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
