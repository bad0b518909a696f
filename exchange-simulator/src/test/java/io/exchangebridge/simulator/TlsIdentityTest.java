package io.exchangebridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate names a deployment needs (SIM_HOSTNAMES) and a key store made beforehand (SIM_KEY_STORE). */
class TlsIdentityTest {

    @TempDir
    Path dir;

    @Test
    void generatedCertificateNamesTheExtraHostnames() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.builder()
                .hostnames(List.of("exchange-simulator", " exchange-simulator.dev.svc", "", "10.1.2.3")).start()) {
            assertThat(sim.certificate().getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))))
                    .containsExactly(
                            "localhost", "127.0.0.1", "exchange-simulator", "exchange-simulator.dev.svc", "10.1.2.3");
            assertThat(Main.banner(sim, null, false)).contains("exchange-simulator.dev.svc");
        }
    }

    @Test
    void presentsAKeyStoreMadeWithKeytoolAndItsExportedCertificateIsTrusted() throws Exception {
        // Exactly the commands of deploy/README.md: a key pair, then its certificate as the clients' trust store.
        Path keyStore = dir.resolve("simulator.p12");
        Path trustStore = dir.resolve("simulator-trust.p12");
        Path certificate = dir.resolve("simulator.crt");
        keytool("-genkeypair", "-alias", "simulator", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "825",
                "-storetype", "PKCS12", "-dname", "CN=exchange-simulator", "-ext",
                "SAN=dns:exchange-simulator,dns:localhost", "-keystore", keyStore.toString(), "-storepass", "k-pass");
        keytool("-exportcert", "-alias", "simulator", "-keystore", keyStore.toString(), "-storepass", "k-pass",
                "-rfc", "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "exchange-simulator", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", "t-pass");

        try (ExchangeSimulator sim = ExchangeSimulator.builder().keyStore(keyStore, "k-pass").start()) {
            assertThat(sim.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=exchange-simulator");

            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(trustStore)) {
                trust.load(in, "t-pass".toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            HttpResponse<String> response = HttpClient.newBuilder().sslContext(tls).build().send(
                    HttpRequest.newBuilder(URI.create(sim.httpsBaseUrl() + "/_sim")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.sslSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(sim.certificate());
            // What the simulator itself writes for its clients is the same anchor.
            KeyStore written = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(sim.writeTrustStore(dir.resolve("written.p12")))) {
                written.load(in, sim.trustStorePassword().toCharArray());
            }
            assertThat((X509Certificate) written.getCertificate("exchange-simulator")).isEqualTo(sim.certificate());
        }
    }

    private static void keytool(String... args) throws Exception {
        Path keytool = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
