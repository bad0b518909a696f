package io.exchangebridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The validator must reject what the API server would reject or silently drop. */
class StrictSchemaTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: demo
              template:
                metadata:
                  labels:
                    app: demo
                spec:
                  containers:
                    - name: demo
                      image: example.org/demo:1.0.0
                      imagePullPolicy: IfNotPresent
                      resources:
                        limits:
                          memory: 128Mi
                      ports:
                        - containerPort: 8080
            """;

    @Test
    void acceptsAValidDeployment() {
        assertThat(StrictSchema.validate(Manifests.read(DEPLOYMENT).get(0))).isInstanceOfSatisfying(Deployment.class,
                d -> assertThat(d.getSpec().getReplicas()).isEqualTo(2));
    }

    @Test
    void rejectsAMisspeltField() {
        assertThatThrownBy(() -> validate(DEPLOYMENT.replace("imagePullPolicy", "imagePullPolcy")))
                .isInstanceOf(StrictSchema.InvalidManifest.class).hasMessageContaining("imagePullPolcy")
                .hasMessageContaining("Deployment demo");
    }

    @Test
    void rejectsAFieldAtTheWrongLevel() {
        // replicas belongs to the Deployment's spec, not the pod's.
        assertThatThrownBy(
                () -> validate(DEPLOYMENT.replace("      containers:", "      replicas: 2\n      containers:")))
                .isInstanceOf(StrictSchema.InvalidManifest.class).hasMessageContaining("replicas");
    }

    @Test
    void rejectsAWrongType() {
        assertThatThrownBy(() -> validate(DEPLOYMENT.replace("replicas: 2", "replicas: two")))
                .isInstanceOf(StrictSchema.InvalidManifest.class);
        assertThatThrownBy(() -> validate(DEPLOYMENT.replace("containerPort: 8080", "containerPort: \"8080\"")))
                .isInstanceOf(StrictSchema.InvalidManifest.class).hasMessageContaining("containerPort");
    }

    @Test
    void rejectsAnUnknownKindOrApiVersion() {
        assertThatThrownBy(() -> validate(DEPLOYMENT.replace("apps/v1", "apps/v1beta1")))
                .isInstanceOf(StrictSchema.InvalidManifest.class).hasMessageContaining("no schema");
        assertThatThrownBy(() -> validate(DEPLOYMENT.replace("kind: Deployment", "kind: Deploymnet")))
                .isInstanceOf(StrictSchema.InvalidManifest.class).hasMessageContaining("no schema");
    }

    private static void validate(String yaml) {
        StrictSchema.validate(Manifests.read(yaml).get(0));
    }
}
