package io.exchangebridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;

/** Every overlay renders, validates, and gives a platform team nothing to object to. */
class OverlayTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyResourceValidatesAgainstTheSchema(String overlay) {
        List<JsonNode> docs = Kustomize.render(overlay);
        assertThat(docs).isNotEmpty();
        docs.forEach(StrictSchema::validate);
        Rendered rendered = Rendered.of(overlay);
        Manifests.SERVICES.forEach(s -> rendered.get(Deployment.class, s));
        rendered.get(CronJob.class, "import-trigger");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void namespaceEnforcesTheRestrictedStandard(String overlay) {
        List<Namespace> namespaces = Rendered.of(overlay).all(Namespace.class);
        assertThat(namespaces).hasSize(1);
        assertThat(namespaces.get(0).getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce",
                "restricted");
        Rendered.of(overlay).resources().stream().filter(r -> !(r instanceof Namespace))
                .forEach(r -> assertThat(r.getMetadata().getNamespace()).as(r.getMetadata().getName())
                        .isEqualTo(namespaces.get(0).getMetadata().getName()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPodIsRestricted(String overlay) {
        Map<String, PodTemplateSpec> pods = Rendered.of(overlay).podTemplates();
        assertThat(pods).isNotEmpty();
        pods.forEach((name, template) -> {
            PodSpec pod = template.getSpec();
            assertThat(pod.getHostNetwork()).as(name).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostPID()).as(name).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostIPC()).as(name).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getAutomountServiceAccountToken()).as(name + " service account token").isFalse();
            if (pod.getVolumes() != null) {
                assertThat(pod.getVolumes()).as(name).allSatisfy(v -> assertThat(v.getHostPath()).isNull());
            }
            boolean podNonRoot = pod.getSecurityContext() != null
                    && Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot());
            String podSeccomp = pod.getSecurityContext() == null || pod.getSecurityContext().getSeccompProfile() == null
                    ? null
                    : pod.getSecurityContext().getSeccompProfile().getType();
            List<Container> containers = new ArrayList<>(pod.getContainers());
            if (pod.getInitContainers() != null) {
                containers.addAll(pod.getInitContainers());
            }
            for (Container c : containers) {
                String what = name + " container " + c.getName();
                SecurityContext sc = c.getSecurityContext();
                assertThat(sc).as(what).isNotNull();
                assertThat(sc.getAllowPrivilegeEscalation()).as(what + " allowPrivilegeEscalation").isFalse();
                assertThat(sc.getPrivileged()).as(what).isNotEqualTo(Boolean.TRUE);
                assertThat(sc.getReadOnlyRootFilesystem()).as(what + " readOnlyRootFilesystem").isTrue();
                assertThat(sc.getCapabilities().getDrop()).as(what + " capabilities").contains("ALL");
                assertThat(sc.getCapabilities().getAdd()).as(what).isNullOrEmpty();
                assertThat(podNonRoot || Boolean.TRUE.equals(sc.getRunAsNonRoot())).as(what + " runAsNonRoot").isTrue();
                assertThat(sc.getRunAsUser()).as(what + " runAsUser").isNotEqualTo(Long.valueOf(0));
                String seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile().getType() : podSeccomp;
                assertThat(seccomp).as(what + " seccomp").isIn("RuntimeDefault", "Localhost");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasRequestsLimitsAndAPinnedImage(String overlay) {
        Rendered.of(overlay).podTemplates()
                .forEach((name, template) -> template.getSpec().getContainers().forEach(c -> {
                    String what = name + " container " + c.getName();
                    assertThat(c.getResources().getRequests()).as(what + " requests").containsKeys("cpu", "memory");
                    assertThat(c.getResources().getLimits()).as(what + " limits").containsKeys("cpu", "memory");
                    String image = c.getImage();
                    String tag = image.contains("@")
                            ? image.substring(image.indexOf('@'))
                            : image.substring(image.lastIndexOf('/') + 1).contains(":")
                                    ? image.substring(image.lastIndexOf(':') + 1)
                                    : "";
                    assertThat(tag).as(what + " image " + image + " needs a tag or digest").isNotBlank()
                            .isNotEqualTo("latest");
                    assertThat(c.getImagePullPolicy()).as(what).isNotEqualTo("Always");
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void probesPointAtTheServicesHealthEndpoints(String overlay) throws IOException {
        Rendered rendered = Rendered.of(overlay);
        for (String service : Manifests.SERVICES) {
            Container c = rendered.get(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers()
                    .get(0);
            int httpPort = Integer.parseInt(properties(service).getProperty("quarkus.http.port"));
            assertThat(c.getPorts()).anySatisfy(p -> {
                assertThat(p.getName()).isEqualTo("http");
                assertThat(p.getContainerPort()).isEqualTo(httpPort);
            });
            assertProbe(service + " liveness", c.getLivenessProbe(), "/q/health/live", httpPort);
            assertProbe(service + " readiness", c.getReadinessProbe(), "/q/health/ready", httpPort);
            assertProbe(service + " startup", c.getStartupProbe(), "/q/health/started", httpPort);
            // The probes are the only unauthenticated paths besides the consent callback.
            assertThat(properties(service).getProperty(service.equals("smtp-service")
                    ? "quarkus.http.auth.permission.health.paths"
                    : "quarkus.http.auth.permission.public.paths")).contains("/q/health/*");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyReferencedSecretAndConfigMapKeyExists(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        rendered.podTemplates().forEach((name, template) -> {
            PodSpec pod = template.getSpec();
            for (Container c : pod.getContainers()) {
                if (c.getEnvFrom() != null) {
                    for (EnvFromSource from : c.getEnvFrom()) {
                        String kind = from.getSecretRef() != null ? "Secret" : "ConfigMap";
                        String ref = from.getSecretRef() != null
                                ? from.getSecretRef().getName()
                                : from.getConfigMapRef().getName();
                        assertThat(rendered.keysOf(kind, ref)).as(name + " envFrom " + kind + " " + ref).isPresent();
                    }
                }
                if (c.getEnv() != null) {
                    for (EnvVar env : c.getEnv()) {
                        if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                            var ref = env.getValueFrom().getSecretKeyRef();
                            assertThat(rendered.keysOf("Secret", ref.getName())).as(name + " " + env.getName())
                                    .hasValueSatisfying(keys -> assertThat(keys).contains(ref.getKey()));
                        }
                        if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                            var ref = env.getValueFrom().getConfigMapKeyRef();
                            assertThat(rendered.keysOf("ConfigMap", ref.getName())).as(name + " " + env.getName())
                                    .hasValueSatisfying(keys -> assertThat(keys).contains(ref.getKey()));
                        }
                    }
                }
            }
            for (Volume v : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
                if (v.getSecret() != null) {
                    assertThat(rendered.keysOf("Secret", v.getSecret().getSecretName()))
                            .as(name + " volume " + v.getName())
                            .isPresent();
                }
                // kube-root-ca.crt is the cluster CA that Kubernetes puts into every namespace.
                if (v.getConfigMap() != null && !v.getConfigMap().getName().equals("kube-root-ca.crt")) {
                    assertThat(rendered.keysOf("ConfigMap", v.getConfigMap().getName()))
                            .as(name + " volume " + v.getName())
                            .isPresent();
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceGetsTheSettingsItCannotStartWithout(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, Map<String, String>> env = new LinkedHashMap<>();
        for (String service : Manifests.SERVICES) {
            Container c = rendered.get(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers()
                    .get(0);
            env.put(service, environment(rendered, c));
            assertThat(env.get(service)).as(service).containsKeys("QUARKUS_PROFILE", "DB_URL", "DB_USER", "DB_PASSWORD",
                    "QUARKUS_SECURITY_USERS_EMBEDDED_USERS_ADMIN", "QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_ADMIN");
            assertThat(env.get(service).get("QUARKUS_PROFILE")).isEqualTo("prod");
            assertThat(env.get(service).get("DB_URL")).startsWith("jdbc:postgresql://");
        }
        // credential-service: the active encryption key is one of the configured keys.
        Map<String, String> credential = env.get("credential-service");
        String active = credential.get("CREDENTIAL_ENCRYPTION_ACTIVE_KEY");
        assertThat(active).isNotBlank();
        assertThat(credential).containsKey("CREDENTIAL_ENCRYPTION_KEYS_" + active.toUpperCase());
        // Each token client signs in as a user that credential-service knows, with the token-client role, or with a
        // bearer token (prod: its service-account token; ServiceIdentityTest checks that side).
        for (String client : List.of("import-service", "smtp-service")) {
            String auth = env.get(client).getOrDefault("CREDENTIAL_CLIENT_AUTH", "basic");
            if (auth.equals("basic")) {
                assertTokenClient(credential, env.get(client).get("CREDENTIAL_CLIENT_USERNAME"));
                assertThat(env.get(client)).containsKey("CREDENTIAL_CLIENT_PASSWORD");
            } else {
                assertThat(auth).as(client).isIn("token-file", "oidc-client");
            }
        }
        assertThat(env.get("smtp-service")).containsKey("RELAY_LISTENER_KEY_STORE_PASSWORD");
        assertThat(env.get("import-service").get("CREDENTIAL_CLIENT_URL"))
                .isEqualTo("http://credential-service");
        assertThat(env.get("smtp-service").get("CREDENTIAL_CLIENT_URL")).isEqualTo("http://credential-service");
        rendered.get(Service.class, "credential-service");
        // The console manages the other services as users they know, with the roles their endpoints need.
        assertThat(credential).containsEntry("CREDENTIAL_UI_IMPORT_SERVICE_URL", "http://import-service")
                .containsEntry("CREDENTIAL_UI_SMTP_SERVICE_URL", "http://smtp-service")
                .containsKeys("CREDENTIAL_UI_IMPORT_SERVICE_PASSWORD", "CREDENTIAL_UI_SMTP_SERVICE_PASSWORD");
        rendered.get(Service.class, "import-service");
        rendered.get(Service.class, "smtp-service");
        assertPeerUser(env.get("import-service"), credential.get("CREDENTIAL_UI_IMPORT_SERVICE_USER"), "admin",
                "reader");
        assertPeerUser(env.get("smtp-service"), credential.get("CREDENTIAL_UI_SMTP_SERVICE_USER"), "admin");
        // The CronJob's user exists in import-service with the trigger role.
        CronJob cronJob = rendered.get(CronJob.class, "import-trigger");
        String triggerSecret = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers()
                .get(0)
                .getEnv().stream().filter(e -> e.getName().equals("TRIGGER_USER")).findFirst().orElseThrow()
                .getValueFrom().getSecretKeyRef().getName();
        String triggerUser = rendered.dataOf("Secret", triggerSecret).get("username").toUpperCase();
        assertThat(env.get("import-service"))
                .containsEntry("QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_" + triggerUser, "trigger")
                .containsKey("QUARKUS_SECURITY_USERS_EMBEDDED_USERS_" + triggerUser);
        // smtp-service: the listener key store is the file the mounted Secret provides.
        PodSpec smtp = rendered.get(Deployment.class, "smtp-service").getSpec().getTemplate().getSpec();
        String keyStore = env.get("smtp-service").get("RELAY_LISTENER_KEY_STORE");
        var mount = smtp.getContainers().get(0).getVolumeMounts().stream()
                .filter(m -> keyStore.startsWith(m.getMountPath() + "/"))
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + keyStore));
        Volume volume = smtp.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                .orElseThrow();
        assertThat(rendered.keysOf("Secret", volume.getSecret().getSecretName())).hasValueSatisfying(
                keys -> assertThat(keys).contains(keyStore.substring(mount.getMountPath().length() + 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void importCronJobIsSafeToLeaveRunning(String overlay) throws IOException {
        CronJob cronJob = Rendered.of(overlay).get(CronJob.class, "import-trigger");
        CronJobSpec spec = cronJob.getSpec();
        assertThat(spec.getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(spec.getStartingDeadlineSeconds()).isPositive();
        assertThat(spec.getSuccessfulJobsHistoryLimit()).isBetween(0, 5);
        assertThat(spec.getFailedJobsHistoryLimit()).isBetween(1, 5);
        assertThat(spec.getJobTemplate().getSpec().getActiveDeadlineSeconds()).isPositive();
        assertThat(spec.getJobTemplate().getSpec().getBackoffLimit()).isBetween(0, 5);
        assertThat(spec.getSchedule().trim().split("\\s+")).hasSize(5);
        // The schedule is the overlay's own setting.
        String kustomization = Files.readString(Manifests.root().resolve("deploy/overlays").resolve(overlay)
                .resolve("kustomization.yaml"));
        assertThat(kustomization).contains("path: /spec/schedule").contains("value: \"" + spec.getSchedule() + "\"");
        Container c = spec.getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
        String command = String.join(" ", c.getCommand());
        // The password reaches curl on stdin (--config -), never as an argument that ps would show.
        assertThat(command).contains("--request POST").contains("/api/imports").contains("--fail-with-body")
                .contains("--config -");
        assertThat(c.getEnv()).filteredOn(e -> e.getName().startsWith("TRIGGER_"))
                .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef()).isNotNull()).hasSize(2);
        assertThat(c.getEnv()).filteredOn(e -> e.getName().equals("IMPORT_SERVICE_URL"))
                .singleElement().satisfies(e -> assertThat(e.getValue()).isEqualTo("http://import-service"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesStayInsideTheCluster(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        rendered.all(Service.class).forEach(s -> assertThat(s.getSpec().getType()).as(s.getMetadata().getName())
                .isIn(null, "ClusterIP"));
        assertThat(rendered.get(Service.class, "smtp-service").getSpec().getPorts())
                .anySatisfy(p -> assertThat(p.getPort()).isEqualTo(2525));
    }

    private static void assertPeerUser(Map<String, String> peer, String user, String... roles) {
        assertThat(user).isNotBlank();
        assertThat(peer).containsKey("QUARKUS_SECURITY_USERS_EMBEDDED_USERS_" + user.toUpperCase());
        assertThat(peer.get("QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_" + user.toUpperCase())).as(user).isNotNull();
        assertThat(peer.get("QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_" + user.toUpperCase()).split(","))
                .as(user).contains(roles);
    }

    private static void assertTokenClient(Map<String, String> credential, String user) {
        assertThat(user).isNotBlank().matches("[a-z0-9]+");
        String name = user.toUpperCase();
        assertThat(credential).containsKey("QUARKUS_SECURITY_USERS_EMBEDDED_USERS_" + name)
                .containsEntry("QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_" + name, "token-client")
                .containsKey("CREDENTIAL_CLIENTS_" + name + "_CREDENTIALS");
    }

    /** What the container's process sees; fails when a ConfigMap and a Secret both set a name (order decides then). */
    static Map<String, String> environment(Rendered rendered, Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            Map<String, String> data = from.getSecretRef() != null
                    ? rendered.dataOf("Secret", from.getSecretRef().getName())
                    : rendered.dataOf("ConfigMap", from.getConfigMapRef().getName());
            data.keySet().forEach(k -> assertThat(seen.add(k)).as(c.getName() + ": " + k + " set twice").isTrue());
            env.putAll(data);
        }
        for (EnvVar e : c.getEnv()) {
            if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                var ref = e.getValueFrom().getSecretKeyRef();
                env.put(e.getName(), rendered.dataOf("Secret", ref.getName()).get(ref.getKey()));
            } else {
                env.put(e.getName(), e.getValue());
            }
        }
        return env;
    }

    private static void assertProbe(String what, Probe probe, String path, int port) {
        assertThat(probe).as(what).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getIntVal()).as(what).isEqualTo(port);
        assertThat(probe.getTimeoutSeconds()).as(what).isLessThan(probe.getPeriodSeconds());
    }

    static Properties properties(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                Manifests.root().resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }
}
