package io.exchangebridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code deploy/jvm-options} is the one list of production JVM options: every JVM image (Dockerfile.jvm) and every
 * generated Deployment carries exactly it in {@code JAVA_OPTS_APPEND}, and the local run reads it (system-tests
 * {@code BridgeStack}). A change in one place only fails here.
 */
class JvmOptionsTest {

    static final List<String> SERVICES = Manifests.SERVICES;

    /** What every JAVA_OPTS_APPEND holds after the production options: Quarkus' own image settings. */
    static final List<String> QUARKUS_IMAGE_OPTIONS = List.of("-Dquarkus.http.host=0.0.0.0",
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");

    private static final Pattern DOCKERFILE_OPTIONS = Pattern.compile("(?m)^ENV JAVA_OPTS_APPEND=\"([^\"]*)\"$");

    static List<String> production() throws IOException {
        return Files.readAllLines(Manifests.root().resolve("deploy/jvm-options")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    static List<String> expectedJavaOptsAppend() throws IOException {
        List<String> all = new ArrayList<>(production());
        all.addAll(QUARKUS_IMAGE_OPTIONS);
        return all;
    }

    @Test
    void theOptionsAreProductionOnesAndThisJvmAcceptsThem() throws Exception {
        List<String> options = production();
        assertThat(options).as("a heap relative to the container's memory, not a fixed -Xmx")
                .anyMatch(o -> o.startsWith("-XX:MaxRAMPercentage=")).noneMatch(o -> o.startsWith("-Xmx"));
        assertThat(options).as("the C2 compiler (no TieredStopAtLevel), no test-only settings")
                .noneMatch(o -> o.startsWith("-XX:TieredStopAtLevel")).allMatch(o -> o.startsWith("-XX:"));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(options);
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(java.waitFor(1, TimeUnit.MINUTES)).isTrue();
        String output = new String(java.getInputStream().readAllBytes());
        assertThat(java.exitValue()).as("java %s -version: %s", options, output).isZero();
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void theJvmImageRunsWithThem(String service) throws IOException {
        assertThat(dockerfileOptions(service)).isEqualTo(expectedJavaOptsAppend());
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void theDeploymentSetsTheSame(String service) throws IOException {
        List<JsonNode> deployments = Manifests
                .read(Manifests.root().resolve("deploy/base/generated/" + service + ".yml"))
                .stream().filter(doc -> doc.path("kind").asText().equals("Deployment")).toList();
        assertThat(deployments).singleElement();
        List<String> values = new ArrayList<>();
        for (JsonNode env : deployments.get(0).path("spec").path("template").path("spec").path("containers").path(0)
                .path("env")) {
            if (env.path("name").asText().equals("JAVA_OPTS_APPEND")) {
                values.add(env.path("value").asText());
            }
        }
        assertThat(values).as("JAVA_OPTS_APPEND of the Deployment").singleElement()
                .satisfies(value -> assertThat(split(value)).isEqualTo(dockerfileOptions(service)));
    }

    private static List<String> dockerfileOptions(String service) throws IOException {
        Path file = Manifests.root().resolve(service).resolve("src/main/docker/Dockerfile.jvm");
        Matcher env = DOCKERFILE_OPTIONS.matcher(Files.readString(file));
        assertThat(env.find()).as("ENV JAVA_OPTS_APPEND=\"...\" in " + file).isTrue();
        List<String> options = split(env.group(1));
        assertThat(env.find()).as("a single JAVA_OPTS_APPEND in " + file).isFalse();
        return options;
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.strip().split("\\s+")).toList();
    }
}
