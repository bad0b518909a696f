package io.exchangebridge.simulator.admin;

import java.io.IOException;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.exchangebridge.simulator.directory.SimulatedDirectory;
import io.exchangebridge.simulator.entra.Entra;
import io.exchangebridge.simulator.entra.EntraSettings;
import io.exchangebridge.simulator.http.HttpExchanges;
import io.exchangebridge.simulator.http.PathRoutes;
import io.exchangebridge.simulator.log.RequestLog;
import io.exchangebridge.simulator.log.RequestRecord;
import io.exchangebridge.simulator.time.SimulatorClock;

/**
 * The admin API under {@code /_sim}: JSON over HTTP for everything the Java seeding API does, Entra faults, the clock
 * and the request log, so shell scripts and tests in other processes can seed and inspect. The Graph and SMTP parts
 * mount their own {@code /_sim/mail} and {@code /_sim/smtp}.
 */
public final class AdminApi implements HttpHandler {

    private final PathRoutes routes = new PathRoutes();

    public AdminApi(SimulatedDirectory directory, Entra entra, EntraSettings settings, SimulatorClock clock,
            RequestLog log, Supplier<Map<String, Object>> info) {
        routes.on("GET", "/_sim", (ex, v) -> HttpExchanges.sendJson(ex, 200, info.get()));
        new DirectoryAdmin(directory, clock).register(routes);
        new EntraAdmin(directory, entra.faults(), entra.refreshTokens(), settings, clock).register(routes);
        routes.on("GET", "/_sim/requests", (ex, v) -> requests(ex, log));
        routes.on("DELETE", "/_sim/requests", (ex, v) -> {
            log.clear();
            HttpExchanges.sendEmpty(ex, 204);
        });
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        routes.handle(exchange);
    }

    /** {@code GET /_sim/requests?protocol=&endpoint=&detail=&appId=&mailbox=&status=}: matching records and counts. */
    private static void requests(HttpExchange exchange, RequestLog log) throws IOException {
        Map<String, String> q = HttpExchanges.query(exchange);
        Predicate<RequestRecord> filter = r -> matches(q.get("protocol"), r.protocol())
                && matches(q.get("endpoint"), r.endpoint()) && matches(q.get("detail"), r.detail())
                && matches(q.get("appId"), r.appId()) && matches(q.get("mailbox"), r.mailbox())
                && matches(q.get("status"), String.valueOf(r.status()));
        var records = log.records().stream().filter(filter).toList();
        HttpExchanges.sendJson(exchange, 200, Map.of("count", records.size(), "earlyRetries",
                records.stream().filter(RequestRecord::earlyRetry).count(), "records", records));
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equalsIgnoreCase(actual);
    }
}
