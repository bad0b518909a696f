package io.exchangebridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * deploy/base/generated holds what quarkus-kubernetes generates from the services' configuration, in canonical form. A
 * configuration change without {@code deploy/update-base.sh} fails here, as does a hand edit of the copy.
 */
class GeneratedManifestsTest {

    static final List<String> SERVICES = Manifests.SERVICES;

    @ParameterizedTest
    @FieldSource("SERVICES")
    void baseEqualsTheGeneratedManifests(String service) throws IOException {
        Path generated = Manifests.root().resolve(service).resolve("target/kubernetes/kubernetes.yml");
        assertThat(generated).as("run the build of %s first", service).exists();
        String expected = "# Generated from " + service + " by deploy/update-base.sh: do not edit.\n"
                + Manifests.canonical(Manifests.read(generated));
        Path committed = Manifests.root().resolve("deploy/base/generated").resolve(service + ".yml");
        if (Boolean.getBoolean("deploy.update-base")) {
            Files.writeString(committed, expected);
        }
        assertThat(committed).exists();
        assertThat(Files.readString(committed))
                .as("deploy/base/generated/%s.yml differs from the generated manifests: run deploy/update-base.sh",
                        service)
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void canonicalFormIsStable(String service) {
        Path committed = Manifests.root().resolve("deploy/base/generated").resolve(service + ".yml");
        String once = Manifests.canonical(Manifests.read(committed));
        assertThat(Manifests.canonical(Manifests.read(once))).isEqualTo(once);
    }
}
