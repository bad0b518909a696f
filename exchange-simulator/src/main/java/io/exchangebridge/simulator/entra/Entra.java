package io.exchangebridge.simulator.entra;

import java.time.Clock;

import com.sun.net.httpserver.HttpHandler;

import io.exchangebridge.simulator.directory.SimulatedDirectory;
import io.exchangebridge.simulator.faults.EntraFaults;
import io.exchangebridge.simulator.log.RequestLog;

/** The simulated Entra ID: wires its endpoints, grant stores and faults; {@link #handler()} serves them. */
public final class Entra {

    private final RefreshTokens refreshTokens = new RefreshTokens();
    private final EntraFaults faults;
    private final EntraHandler handler;

    public Entra(SimulatedDirectory directory, Clock clock, EntraSettings settings, SigningKey key,
            TokenIssuer issuer, RequestLog log) {
        this.faults = new EntraFaults(directory, refreshTokens, clock);
        AuthorizationCodes codes = new AuthorizationCodes();
        TokenEndpoint token = new TokenEndpoint(directory, clock, settings, issuer, codes, refreshTokens, faults);
        AuthorizeEndpoint authorize = new AuthorizeEndpoint(directory, clock, settings, codes);
        this.handler = new EntraHandler(token, authorize, new LogoutEndpoint(directory),
                new MetadataEndpoints(directory, key), faults, log, clock);
    }

    public HttpHandler handler() {
        return handler;
    }

    public EntraFaults faults() {
        return faults;
    }

    public RefreshTokens refreshTokens() {
        return refreshTokens;
    }
}
