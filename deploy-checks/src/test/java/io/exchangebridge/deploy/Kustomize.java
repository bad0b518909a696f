package io.exchangebridge.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Renders an overlay with {@code kubectl kustomize}, as a user would after copying each committed {@code *.env.example}
 * to its git-ignored {@code *.env}: so every key a manifest needs must be in a template. {@code "prod+<component>"}
 * renders the overlay with an opt-in component of {@code deploy/components/} (or {@code deploy/grafana}) added, as its
 * {@code components:} list would.
 */
final class Kustomize {

    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** {@code deploy/components/<name>}, or {@code deploy/<name>} for a component of its own (deploy/grafana). */
    private static String component(Path deploy, String name) {
        return Files.isDirectory(deploy.resolve("components").resolve(name)) ? "components/" + name : name;
    }

    static List<JsonNode> render(String overlay) {
        byte[] placeholder = "placeholder".getBytes(StandardCharsets.US_ASCII);
        return RENDERED.computeIfAbsent(overlay, o -> render(o, UnaryOperator.identity(), Map.of("listener.p12",
                placeholder, "simulator.p12", placeholder, "simulator-trust.p12", placeholder)));
    }

    /**
     * Renders with the env files made from the templates by {@code fill} (one line at a time, as a user fills them in)
     * and the given key stores ({@code secrets/} file name to content; an overlay uses those it names).
     */
    static List<JsonNode> render(String overlay, UnaryOperator<String> fill, Map<String, byte[]> keyStores) {
        try {
            Path copy = Files.createTempDirectory("deploy-");
            Path deploy = Manifests.root().resolve("deploy");
            try (Stream<Path> files = Files.walk(deploy)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(deploy.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else if (!file.getFileName().toString().endsWith(".env")
                            && !file.getFileName().toString().endsWith(".p12")) {
                        // Real secrets of the developer's checkout (git-ignored) never enter the check.
                        Files.copy(file, target);
                        if (file.getFileName().toString().endsWith(".env.example")) {
                            String name = target.getFileName().toString();
                            Files.write(target.resolveSibling(name.substring(0, name.length() - ".example".length())),
                                    Files.readAllLines(file).stream().map(fill).toList());
                        }
                    }
                }
            }
            String[] parts = overlay.split("\\+", 2);
            if (parts.length == 2) {
                Path combined = Files.createDirectories(copy.resolve("overlays").resolve(overlay));
                Files.writeString(combined.resolve("kustomization.yaml"), """
                        apiVersion: kustomize.config.k8s.io/v1beta1
                        kind: Kustomization
                        resources:
                          - ../%s
                        components:
                          - ../../%s
                        """.formatted(parts[0], component(deploy, parts[1])));
            }
            // The PKCS12 key stores are binary and made per installation (deploy/README.md).
            Path secrets = copy.resolve("overlays").resolve(parts[0]).resolve("secrets");
            Files.createDirectories(secrets);
            for (Map.Entry<String, byte[]> keyStore : keyStores.entrySet()) {
                Files.write(secrets.resolve(keyStore.getKey()), keyStore.getValue());
            }

            Path out = Files.createTempFile("kustomize-", ".yaml");
            Path err = Files.createTempFile("kustomize-", ".err");
            Process process = new ProcessBuilder("kubectl", "kustomize",
                    copy.resolve("overlays").resolve(overlay).toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + overlay + " did not finish in 2 minutes");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + overlay + " failed: " + Files.readString(err));
            }
            return Manifests.read(Files.readString(out));
        } catch (IOException e) {
            throw new UncheckedIOException("kubectl 1.27+ is needed for these checks (./run-tests.sh installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
