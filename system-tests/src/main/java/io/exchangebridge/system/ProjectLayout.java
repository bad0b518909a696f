package io.exchangebridge.system;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build puts things, found from the project root (the folder holding {@code mvnw}). */
public final class ProjectLayout {

    private ProjectLayout() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("credential-service"))) {
                return p;
            }
        }
        throw new IllegalStateException("Not inside the Exchange Bridge repository: " + dir);
    }

    /** The fast-jar launcher that {@code ./mvnw package} builds for a service module. */
    public static Path serviceJar(String service) {
        return root().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
