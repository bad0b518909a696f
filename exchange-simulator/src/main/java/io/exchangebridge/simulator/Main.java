package io.exchangebridge.simulator;

import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the simulator standalone with the {@link DemoTenant}, prints its URLs and runs until interrupted. Run it with
 * {@code ./mvnw -pl exchange-simulator compile exec:java}, options through {@code -Dexec.args="..."}. <p> Options (or
 * environment variables): {@code --http-port} ({@code SIM_HTTP_PORT}, default 9080, 0 for a free port),
 * {@code --https-port} ({@code SIM_HTTPS_PORT}, default 9443), {@code --smtp-port} ({@code SIM_SMTP_PORT}, default
 * 9587), {@code --bind} ({@code SIM_BIND_ADDRESS}, default 127.0.0.1), {@code --trust-store} ({@code SIM_TRUST_STORE}:
 * write the PKCS12 trust store there), {@code --hostnames} ({@code SIM_HOSTNAMES}: comma-separated extra names of the
 * generated certificate), {@code --key-store} ({@code SIM_KEY_STORE}, with {@code SIM_KEY_STORE_PASSWORD}: present this
 * PKCS12 key instead), {@code --no-demo}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = options(args);
        ExchangeSimulatorBuilder builder = ExchangeSimulator.builder()
                .httpPort(Integer.parseInt(option(options, "http-port", "SIM_HTTP_PORT", "9080")))
                .httpsPort(Integer.parseInt(option(options, "https-port", "SIM_HTTPS_PORT", "9443")))
                .smtpPort(Integer.parseInt(option(options, "smtp-port", "SIM_SMTP_PORT", "9587")))
                .bindAddress(option(options, "bind", "SIM_BIND_ADDRESS", "127.0.0.1"))
                .hostnames(List.of(option(options, "hostnames", "SIM_HOSTNAMES", "").split(",")));
        String keyStore = option(options, "key-store", "SIM_KEY_STORE", null);
        if (keyStore != null) {
            // The password only from the environment: a command line shows in every process listing.
            String password = System.getenv("SIM_KEY_STORE_PASSWORD");
            if (password == null) {
                throw new IllegalArgumentException("SIM_KEY_STORE_PASSWORD must be set with the key store");
            }
            builder.keyStore(Path.of(keyStore), password);
        }
        if (!options.containsKey("no-demo")) {
            builder.seed(DemoTenant::seed);
        }
        ExchangeSimulator sim = builder.start();
        if (!options.containsKey("no-demo")) {
            DemoTenant.seedMail(sim.mail());
            DemoTenant.seedCalendar(sim.calendar(), LocalDate.ofInstant(sim.clock().instant(), ZoneOffset.UTC));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        String trustStore = option(options, "trust-store", "SIM_TRUST_STORE", null);
        if (trustStore != null) {
            sim.writeTrustStore(Path.of(trustStore));
        }
        System.out.println(banner(sim, trustStore, !options.containsKey("no-demo")));
        stopped.await();
    }

    static String banner(ExchangeSimulator sim, String trustStore, boolean demo) {
        StringBuilder out = new StringBuilder("Exchange simulator running\n");
        out.append("  HTTP         ").append(sim.httpBaseUrl()).append('\n');
        out.append("  HTTPS        ").append(sim.httpsBaseUrl()).append('\n');
        out.append("  Graph        ").append(sim.graphBaseUrl()).append('\n');
        out.append("  Admin API    ").append(sim.httpBaseUrl()).append("/_sim\n");
        out.append("  Certificate  ").append(sim.certificate().getSubjectX500Principal().getName()).append(", names ")
                .append(subjectAlternativeNames(sim.certificate())).append('\n');
        sim.info().forEach((name, value) -> {
            if (!Map.of("httpBaseUrl", 1, "httpsBaseUrl", 1, "graphBaseUrl", 1, "tenants", 1).containsKey(name)) {
                out.append("  ").append(String.format("%-12s ", name)).append(value).append('\n');
            }
        });
        if (trustStore != null) {
            out.append("  Trust store  ").append(Path.of(trustStore).toAbsolutePath()).append(" (PKCS12, password ")
                    .append(sim.trustStorePassword()).append(")\n");
        }
        if (demo) {
            out.append("Demo tenant ").append(DemoTenant.DOMAIN).append(" (id ")
                    .append(sim.tenant(DemoTenant.DOMAIN).id()).append(")\n");
            out.append("  Authority    ").append(sim.httpAuthority(DemoTenant.DOMAIN)).append("  or  ")
                    .append(sim.authority(DemoTenant.DOMAIN)).append('\n');
            out.append("  App          client id ").append(DemoTenant.CLIENT_ID).append(", secret ")
                    .append(DemoTenant.CLIENT_SECRET).append(", redirect URI ").append(DemoTenant.REDIRECT_URI)
                    .append('\n');
            out.append("  Console app  client id ").append(DemoTenant.CONSOLE_CLIENT_ID).append(", secret ")
                    .append(DemoTenant.CONSOLE_CLIENT_SECRET).append(", redirect URI ")
                    .append(DemoTenant.CONSOLE_REDIRECT_URI).append(" (Alice: ").append(DemoTenant.ADMIN_ROLE)
                    .append(")\n");
            out.append("  Users        ").append(DemoTenant.ALICE).append(", ").append(DemoTenant.BOB)
                    .append(" (password ").append(DemoTenant.PASSWORD).append("); shared mailboxes ")
                    .append(DemoTenant.SHARED).append(", ").append(DemoTenant.SUPPORT)
                    .append(" (Alice: full access, Send As)\n");
        }
        return out.toString();
    }

    private static List<String> subjectAlternativeNames(X509Certificate certificate) {
        try {
            var names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names.stream().map(n -> String.valueOf(n.get(1))).toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unknown argument " + arg);
            }
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "" : arg.substring(eq + 1));
        }
        return options;
    }

    private static String option(Map<String, String> options, String name, String env, String fallback) {
        String value = options.get(name);
        if (value == null || value.isEmpty()) {
            value = System.getenv(env);
        }
        return value == null || value.isEmpty() ? fallback : value;
    }
}
