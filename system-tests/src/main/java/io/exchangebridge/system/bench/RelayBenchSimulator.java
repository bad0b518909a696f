package io.exchangebridge.system.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.simulator.ExchangeSimulator;

/**
 * The exchange-simulator in a process of its own for {@code bench/relay.sh}: the demo tenant on free ports, its trust
 * store and ports written to {@code <dir>/simulator.properties} (read by {@link RelayBenchStack}), running until the
 * process is stopped. Its CPU is not counted: it stands in for Exchange Online.
 */
public final class RelayBenchSimulator {

    private RelayBenchSimulator() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path dir = Path.of(args[0]);
        ExchangeSimulator sim = ExchangeSimulator.builder().seed(DemoTenant::seed).start();
        Path trustStore = sim.writeTrustStore(dir.resolve("simulator-trust.p12"));
        Properties info = new Properties();
        info.setProperty("http", sim.httpBaseUrl());
        info.setProperty("https", sim.httpsBaseUrl());
        info.setProperty("smtp-port", String.valueOf(sim.smtpPort()));
        info.setProperty("trust-store", trustStore.toAbsolutePath().toString());
        info.setProperty("trust-store-password", sim.trustStorePassword());
        Path tmp = dir.resolve("simulator.properties.tmp");
        try (Writer out = Files.newBufferedWriter(tmp)) {
            info.store(out, "exchange-simulator of the relay benchmark");
            Files.move(tmp, dir.resolve("simulator.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "simulator-stop"));
        stopped.await();
    }
}
