package io.exchangebridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The dev overlay's TLS between the services and the exchange-simulator: the key stores made with exactly the
 * {@code keytool} commands of deploy/README.md, the simulator started with the key its pod mounts, and each service's
 * trust store (the file its pod mounts, with the password its pod gets) verifying the chain the simulator presents for
 * every host name the services use. Plain JDK TLS, no host name mapping.
 */
class SimulatorTlsTest {

    private static final String SUFFIX = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));

    private static Rendered rendered;
    private static ExchangeSimulator simulator;

    @BeforeAll
    static void makeKeysAndStartTheSimulator() throws Exception {
        Path secrets = Files.createTempDirectory("simulator-tls-");
        // Different passwords for the key and the trust store, so that a mix-up fails.
        Map<String, String> passwords = Map.of("SIM_KEY_STORE_PASSWORD", "key-" + SUFFIX, "SIM_TRUST_STORE_PASSWORD",
                "trust-" + SUFFIX);
        for (List<String> command : readmeKeytoolCommands()) {
            keytool(command, passwords, secrets);
        }
        byte[] placeholder = "placeholder".getBytes(StandardCharsets.US_ASCII);
        rendered = Rendered.of("dev", Kustomize.render("dev", line -> {
            String key = line.contains("=") ? line.substring(0, line.indexOf('=')) : "";
            return passwords.containsKey(key) ? key + "=" + passwords.get(key) : ServicesStartTest.fillIn(line);
        }, Map.of("listener.p12", placeholder, "simulator.p12", Files.readAllBytes(secrets.resolve("simulator.p12")),
                "simulator-trust.p12", Files.readAllBytes(secrets.resolve("simulator-trust.p12")))));

        Container container = container("exchange-simulator");
        Map<String, String> env = OverlayTest.environment(rendered, container);
        Path keyStore = Files.write(secrets.resolve("mounted-simulator.p12"),
                mountedFile("exchange-simulator", env.get("SIM_KEY_STORE")));
        simulator = ExchangeSimulator.builder().keyStore(keyStore, env.get("SIM_KEY_STORE_PASSWORD")).start();
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void theCertificateNamesEveryHostTheServicesUse() throws Exception {
        List<String> names = simulator.certificate().getSubjectAlternativeNames().stream()
                .map(n -> String.valueOf(n.get(1))).toList();
        Map<String, String> credential = OverlayTest.environment(rendered, container("credential-service"));
        Map<String, String> importer = OverlayTest.environment(rendered, container("import-service"));
        Map<String, String> relay = OverlayTest.environment(rendered, container("smtp-service"));
        List<String> hosts = List.of(URI.create(credential.get("CREDENTIAL_DEFAULT_AUTHORITY_HOST")).getHost(),
                credential.get("CREDENTIAL_ALLOWED_AUTHORITY_HOSTS").split(":")[0],
                URI.create(importer.get("IMPORTER_GRAPH_BASE_URL")).getHost(),
                URI.create(relay.get("RELAY_GRAPH_URL")).getHost(), relay.get("RELAY_SMTP_HOST"),
                // The Service's namespace-qualified name, for clients in other namespaces.
                "exchange-simulator." + rendered.all(Namespace.class).get(0).getMetadata().getName() + ".svc");
        assertThat(hosts).doesNotContainNull().allSatisfy(h -> assertThat(h).startsWith("exchange-simulator"));
        assertThat(names).containsAll(hosts);
    }

    @Test
    void everyServiceTrustsTheChainTheSimulatorPresents() throws Exception {
        Map<String, String> credential = OverlayTest.environment(rendered, container("credential-service"));
        assertThat(credential.get("CREDENTIAL_TOKEN_TLS_CONFIGURATION_NAME")).isEqualTo("entra");
        assertTrusts("credential-service", credential.get("QUARKUS_TLS_ENTRA_TRUST_STORE_P12_PATH"),
                credential.get("QUARKUS_TLS_ENTRA_TRUST_STORE_P12_PASSWORD"));

        Map<String, String> relay = OverlayTest.environment(rendered, container("smtp-service"));
        assertTrusts("smtp-service", relay.get("RELAY_GRAPH_TRUST_STORE"),
                relay.get("RELAY_GRAPH_TRUST_STORE_PASSWORD"));
        assertTrusts("smtp-service", relay.get("RELAY_SMTP_TRUST_STORE"), relay.get("RELAY_SMTP_TRUST_STORE_PASSWORD"));

        // import-service: JDK system properties on the native image's command line, $(VAR) expanded by the kubelet.
        Container importer = container("import-service");
        Map<String, String> env = OverlayTest.environment(rendered, importer);
        Map<String, String> properties = new LinkedHashMap<>();
        for (String arg : importer.getArgs()) {
            Matcher m = Pattern.compile("-D([^=]+)=(.*)").matcher(arg);
            assertThat(m.matches()).as(arg).isTrue();
            properties.put(m.group(1), expand(m.group(2), env));
        }
        assertThat(properties).containsEntry("javax.net.ssl.trustStoreType", "PKCS12");
        assertTrusts("import-service", properties.get("javax.net.ssl.trustStore"),
                properties.get("javax.net.ssl.trustStorePassword"));
    }

    /** The service's trust store, as its pod has it, verifies the simulator's certificate chain in a handshake. */
    private static void assertTrusts(String service, String path, String password) throws Exception {
        assertThat(path).as(service + " trust store").isNotBlank();
        assertThat(password).as(service + " trust store password").isNotBlank();
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = new ByteArrayInputStream(mountedFile(service, path))) {
            trustStore.load(in, password.toCharArray());
        }
        // Only the simulator's certificate: the services never get its private key.
        for (String alias : Collections.list(trustStore.aliases())) {
            assertThat(trustStore.isKeyEntry(alias)).as(service + " " + alias).isFalse();
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        Certificate[] presented;
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost",
                simulator.httpsPort())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            presented = socket.getSession().getPeerCertificates();
        }
        X509Certificate[] chain = Arrays.stream(presented).map(X509Certificate.class::cast)
                .toArray(X509Certificate[]::new);
        assertThat(chain[0]).isEqualTo(simulator.certificate());
        X509TrustManager trustManager = (X509TrustManager) tmf.getTrustManagers()[0];
        trustManager.checkServerTrusted(chain, "ECDHE_ECDSA");
    }

    /** The content of the file a pod of this Deployment sees at {@code path}: a key of a mounted Secret. */
    private static byte[] mountedFile(String deployment, String path) {
        PodSpec pod = rendered.get(Deployment.class, deployment).getSpec().getTemplate().getSpec();
        VolumeMount mount = pod.getContainers().get(0).getVolumeMounts().stream()
                .filter(m -> path.startsWith(m.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError(deployment + ": nothing mounted at " + path));
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                .orElseThrow();
        assertThat(volume.getSecret()).as(deployment + " volume " + volume.getName()).isNotNull();
        Secret secret = rendered.all(Secret.class).stream()
                .filter(s -> s.getMetadata().getName().equals(volume.getSecret().getSecretName())).findFirst()
                .orElseThrow();
        String data = secret.getData().get(path.substring(mount.getMountPath().length() + 1));
        assertThat(data).as(deployment + ": " + path + " in Secret " + secret.getMetadata().getName()).isNotNull();
        return Base64.getMimeDecoder().decode(data);
    }

    private static Container container(String deployment) {
        return rendered.get(Deployment.class, deployment).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** Kubernetes' {@code $(VAR)} expansion in args. */
    private static String expand(String value, Map<String, String> env) {
        Matcher m = Pattern.compile("\\$\\(([A-Z0-9_]+)\\)").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            assertThat(env).as("$(" + m.group(1) + ")").containsKey(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(env.get(m.group(1))));
        }
        return m.appendTail(out).toString();
    }

    /** The simulator's keytool commands of deploy/README.md, continuation lines joined, split into arguments. */
    static List<List<String>> readmeKeytoolCommands() throws IOException {
        List<String> lines = Files.readAllLines(Manifests.root().resolve("deploy/README.md"));
        List<List<String>> commands = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("keytool ")) {
                continue;
            }
            StringBuilder command = new StringBuilder();
            while (line.endsWith("\\")) {
                command.append(line, 0, line.length() - 1).append(' ');
                line = lines.get(++i).strip();
            }
            command.append(line);
            if (command.toString().contains("simulator")) {
                commands.add(List.of(command.toString().trim().split("\\s+")));
            }
        }
        assertThat(commands).as("keytool commands for the simulator in deploy/README.md").hasSize(3);
        return commands;
    }

    /** Runs one README command in {@code dir} as a shell would: "$VAR" from the env file's values. */
    static void keytool(List<String> command, Map<String, String> env, Path dir) throws Exception {
        List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        for (String arg : command.subList(1, command.size())) {
            String value = arg;
            for (Map.Entry<String, String> e : env.entrySet()) {
                value = value.replace("\"$" + e.getKey() + "\"", e.getValue());
            }
            assertThat(value).as("an unset variable in " + command).doesNotContain("$");
            args.add(value);
        }
        Process process = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(command + ": " + output).isZero();
    }
}
