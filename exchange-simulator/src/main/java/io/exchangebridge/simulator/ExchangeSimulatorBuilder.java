package io.exchangebridge.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.exchangebridge.simulator.directory.SimulatedDirectory;
import io.exchangebridge.simulator.entra.Entra;
import io.exchangebridge.simulator.entra.EntraSettings;
import io.exchangebridge.simulator.smtp.SmtpSettings;

/** Ports, clock, Entra settings and seed of an {@link ExchangeSimulator}; {@link #start()} binds the servers. */
public final class ExchangeSimulatorBuilder {

    String bindAddress = "127.0.0.1";
    int httpPort;
    int httpsPort;
    Clock clock = Clock.systemUTC();
    SmtpSettings smtpSettings = SmtpSettings.defaults();
    Consumer<SimulatedDirectory> seed = d -> {
    };
    Consumer<EntraSettings> entra = e -> {
    };
    List<String> hostnames = List.of();
    Path keyStore;
    String keyStorePassword;

    ExchangeSimulatorBuilder() {
    }

    /**
     * Host names (or IP addresses) the generated certificate names besides {@code localhost} and {@code 127.0.0.1},
     * e.g. a Kubernetes Service name, so that clients reaching the simulator by that name verify it.
     */
    public ExchangeSimulatorBuilder hostnames(List<String> hostnames) {
        this.hostnames = List.copyOf(hostnames);
        return this;
    }

    /**
     * Present the first key entry of this PKCS12 key store instead of a generated certificate (then {@link #hostnames}
     * is not used): a key made once, whose trust store clients get before the simulator runs.
     */
    public ExchangeSimulatorBuilder keyStore(Path file, String password) {
        this.keyStore = file;
        this.keyStorePassword = password;
        return this;
    }

    /** The HTTP port; 0 (default) picks a free one. */
    public ExchangeSimulatorBuilder httpPort(int port) {
        this.httpPort = port;
        return this;
    }

    /** The HTTPS port; 0 (default) picks a free one. */
    public ExchangeSimulatorBuilder httpsPort(int port) {
        this.httpsPort = port;
        return this;
    }

    /** The SMTP port; 0 (default) picks a free one. */
    public ExchangeSimulatorBuilder smtpPort(int port) {
        this.smtpSettings = smtpSettings.withPort(port);
        return this;
    }

    /** The SMTP size limit advertised in EHLO and enforced; default Exchange Online's 157286400. */
    public ExchangeSimulatorBuilder smtpMaxMessageSize(int bytes) {
        this.smtpSettings = smtpSettings.withMaxMessageSize(bytes);
        return this;
    }

    /**
     * How long an SMTP connection may wait for the client's next command before Exchange closes it with
     * {@code 421 4.4.1 Connection timed out}; default Exchange Online's 5 minutes, {@link Duration#ZERO}: never. Tests
     * can change it later with {@code smtp().faults().idleTimeout(..)}.
     */
    public ExchangeSimulatorBuilder smtpIdleTimeout(Duration timeout) {
        this.smtpSettings = smtpSettings.withIdleTimeout(timeout);
        return this;
    }

    /** The address to listen on; default {@code 127.0.0.1}. */
    public ExchangeSimulatorBuilder bindAddress(String address) {
        this.bindAddress = address;
        return this;
    }

    /** The base clock (the simulator adds its own advanceable offset). */
    public ExchangeSimulatorBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Seeds tenants, users, mailboxes and apps at start; more can be added at any time. */
    public ExchangeSimulatorBuilder seed(Consumer<SimulatedDirectory> seed) {
        this.seed = this.seed.andThen(seed);
        return this;
    }

    /** Adjusts token lifetimes, e.g. {@code e -> e.accessTokenLifetime(Duration.ofMinutes(2))}. */
    public ExchangeSimulatorBuilder entra(Consumer<EntraSettings> settings) {
        this.entra = this.entra.andThen(settings);
        return this;
    }

    /** Shortcut for {@code entra(e -> e.accessTokenLifetime(lifetime))}. */
    public ExchangeSimulatorBuilder accessTokenLifetime(Duration lifetime) {
        return entra(e -> e.accessTokenLifetime(lifetime));
    }

    public ExchangeSimulator start() {
        return new ExchangeSimulator(this).start(this);
    }
}
