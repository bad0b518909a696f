package io.exchangebridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The images the manifests run: pinned bases, non-root, the ports the services listen on. */
class DockerfilesTest {

    static final List<String> SERVICES = Manifests.SERVICES;

    @ParameterizedTest
    @FieldSource("SERVICES")
    void dockerfilesArePinnedNonRootAndExposeTheHttpPort(String service) throws IOException {
        String port = OverlayTest.properties(service).getProperty("quarkus.http.port");
        for (String name : List.of("Dockerfile.jvm", "Dockerfile.native-micro")) {
            Path file = Manifests.root().resolve(service).resolve("src/main/docker").resolve(name);
            String text = Files.readString(file);
            List<String> from = text.lines().filter(l -> l.startsWith("FROM ")).toList();
            assertThat(from).as(file.toString()).singleElement()
                    .satisfies(line -> assertThat(line).matches("FROM [^ ]+:[0-9][^ ]*").doesNotContain(":latest"));
            assertThat(text.lines().filter(l -> l.startsWith("USER ")).toList()).as(file.toString()).singleElement()
                    .satisfies(line -> assertThat(line).matches("USER [1-9][0-9]*"));
            assertThat(text.lines().filter(l -> l.startsWith("EXPOSE ")).toList()).as(file.toString()).singleElement()
                    .satisfies(line -> assertThat(line.split(" ")).contains(port));
        }
    }
}
