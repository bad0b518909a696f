package io.exchangebridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Who each pod is, and how import-service and smtp-service prove it to credential-service: a ServiceAccount per
 * workload without an API token, the projected token of audience exchange-bridge where
 * credential-client.auth=token-file reads it, the credential-service's k8s tenant and the service accounts' roles
 * (prod), and the opt-in Azure workload identity component.
 */
class ServiceIdentityTest {

    /** The default of {@code credential-client.token-file} (the foundation's CredentialClientConfig). */
    private static final String TOKEN_FILE = "/var/run/secrets/exchange-bridge/token";
    private static final List<String> TOKEN_CLIENTS = List.of("import-service", "smtp-service");
    private static final String WORKLOAD_IDENTITY = "prod+azure-workload-identity";
    private static final String AZURE_TOKEN = "/var/run/secrets/azure/tokens/azure-identity-token";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", WORKLOAD_IDENTITY})
    void everyWorkloadRunsAsItsOwnServiceAccountWithoutAnApiToken(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        List<String> workloads = List.of("credential-service", "import-service", "smtp-service", "import-trigger");
        for (String workload : workloads) {
            PodSpec pod = rendered.podTemplates().entrySet().stream()
                    .filter(e -> e.getKey().endsWith(" " + workload)).findFirst().orElseThrow().getValue().getSpec();
            assertThat(pod.getServiceAccountName()).as(workload).isEqualTo(workload);
            assertThat(pod.getAutomountServiceAccountToken()).as(workload).isFalse();
            assertThat(rendered.get(ServiceAccount.class, workload).getAutomountServiceAccountToken()).as(workload)
                    .isFalse();
        }
        assertThat(rendered.all(ServiceAccount.class)).extracting(sa -> sa.getMetadata().getName())
                .doesNotHaveDuplicates().contains(workloads.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", WORKLOAD_IDENTITY})
    void theTokenClientsGetAProjectedTokenForExchangeBridgeWhereTheClientReadsIt(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        for (String service : TOKEN_CLIENTS) {
            PodSpec pod = pod(rendered, service);
            VolumeMount mount = pod.getContainers().get(0).getVolumeMounts().stream()
                    .filter(m -> TOKEN_FILE.startsWith(m.getMountPath() + "/")).findFirst()
                    .orElseThrow(() -> new AssertionError(service + ": nothing mounted at " + TOKEN_FILE));
            assertThat(mount.getReadOnly()).as(service).isTrue();
            Volume volume = volume(pod, mount.getName());
            assertThat(volume.getProjected().getSources()).as(service).singleElement().satisfies(source -> {
                ServiceAccountTokenProjection token = source.getServiceAccountToken();
                assertThat(token.getAudience()).isEqualTo("exchange-bridge");
                assertThat(token.getPath()).isEqualTo(TOKEN_FILE.substring(mount.getMountPath().length() + 1));
                assertThat(token.getExpirationSeconds()).isBetween(600L, 86400L);
            });
        }
        // credential-service presents no token and gets none.
        assertThat(pod(rendered, "credential-service").getVolumes()).noneMatch(v -> v.getProjected() != null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void withoutTheComponentNoPodAsksForWorkloadIdentity(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        rendered.podTemplates().forEach((name, template) -> assertThat(template.getMetadata().getLabels())
                .as(name).doesNotContainKey("azure.workload.identity/use"));
        rendered.all(ServiceAccount.class).forEach(sa -> assertThat(sa.getMetadata().getAnnotations())
                .as(sa.getMetadata().getName()).doesNotContainKey("azure.workload.identity/client-id"));
    }

    @Test
    void devSignsInWithBasicAndProdWithTheServiceAccountTokens() {
        Rendered dev = Rendered.of("dev");
        for (String service : TOKEN_CLIENTS) {
            assertThat(env(dev, service).getOrDefault("CREDENTIAL_CLIENT_AUTH", "basic")).isEqualTo("basic");
        }
        Rendered prod = Rendered.of("prod");
        for (String service : TOKEN_CLIENTS) {
            assertThat(env(prod, service)).as(service).containsEntry("CREDENTIAL_CLIENT_AUTH", "token-file")
                    .doesNotContainKeys("CREDENTIAL_CLIENT_PASSWORD", "CREDENTIAL_CLIENT_TOKEN_FILE");
        }
    }

    @Test
    void prodVerifiesServiceAccountTokensAndKnowsTheirRoles() {
        Rendered prod = Rendered.of("prod");
        Map<String, String> credential = env(prod, "credential-service");
        assertThat(credential).containsEntry("QUARKUS_OIDC_K8S_TENANT_ENABLED", "true")
                .containsEntry("QUARKUS_OIDC_K8S_TOKEN_AUDIENCE", "exchange-bridge")
                .containsEntry("QUARKUS_OIDC_K8S_AUTH_SERVER_URL", "https://kubernetes.default.svc")
                .containsKeys("QUARKUS_OIDC_K8S_TOKEN_ISSUER", "QUARKUS_OIDC_K8S_JWKS_PATH");
        // The API server's certificate is verified with the cluster CA the pod mounts.
        PodSpec pod = pod(prod, "credential-service");
        String ca = credential.get("QUARKUS_TLS_KUBERNETES_TRUST_STORE_PEM_CERTS");
        assertThat(credential).containsEntry("QUARKUS_OIDC_K8S_TLS_TLS_CONFIGURATION_NAME", "kubernetes");
        assertThat(mountedConfigMap(pod, ca)).isEqualTo("kube-root-ca.crt");

        // Both token clients' subjects have token-client and credentials, in a file credential-service reads.
        String namespace = prod.all(Namespace.class).get(0).getMetadata().getName();
        Properties principals = configFile(prod, pod, credential.get("QUARKUS_CONFIG_LOCATIONS").split(",")[0]);
        for (String service : TOKEN_CLIENTS) {
            String subject = "\"system:serviceaccount:" + namespace + ":" + service + "\"";
            assertThat(principals).containsEntry("bridge-auth.principal-roles." + subject, "token-client")
                    .containsKey("credential.clients." + subject + ".credentials");
        }
        // No password for them any more.
        assertThat(credential).doesNotContainKeys("QUARKUS_SECURITY_USERS_EMBEDDED_USERS_IMPORTER",
                "QUARKUS_SECURITY_USERS_EMBEDDED_USERS_RELAY");
    }

    @Test
    void theWorkloadIdentityComponentSwitchesTheClientsToEntra() {
        Rendered rendered = Rendered.of(WORKLOAD_IDENTITY);
        String clientId = null;
        for (String service : TOKEN_CLIENTS) {
            Map<String, String> env = env(rendered, service);
            assertThat(env).as(service).containsEntry("CREDENTIAL_CLIENT_AUTH", "oidc-client")
                    .containsEntry("QUARKUS_OIDC_CLIENT_CREDENTIAL_SERVICE_CREDENTIALS_JWT_SOURCE", "bearer")
                    .containsEntry("QUARKUS_OIDC_CLIENT_CREDENTIAL_SERVICE_CREDENTIALS_JWT_TOKEN_PATH", AZURE_TOKEN)
                    .doesNotContainKey("QUARKUS_OIDC_CLIENT_CREDENTIAL_SERVICE_CREDENTIALS_SECRET");
            assertThat(env.get("QUARKUS_OIDC_CLIENT_CREDENTIAL_SERVICE_AUTH_SERVER_URL"))
                    .matches("https://login\\.microsoftonline\\.com/[0-9a-f-]{36}/v2\\.0");
            clientId = env.get("QUARKUS_OIDC_CLIENT_CREDENTIAL_SERVICE_CLIENT_ID");
            // The webhook mounts the federated token into labelled pods, for the client id of their service account.
            assertThat(rendered.get(Deployment.class, service).getSpec().getTemplate().getMetadata().getLabels())
                    .as(service).containsEntry("azure.workload.identity/use", "true");
            assertThat(rendered.get(ServiceAccount.class, service).getMetadata().getAnnotations()).as(service)
                    .containsEntry("azure.workload.identity/client-id", clientId);
            // The selector stays as it was: the label is on the pods only.
            assertThat(rendered.get(Deployment.class, service).getSpec().getSelector().getMatchLabels())
                    .doesNotContainKey("azure.workload.identity/use");
        }
        assertThat(rendered.get(Deployment.class, "credential-service").getSpec().getTemplate().getMetadata()
                .getLabels()).doesNotContainKey("azure.workload.identity/use");

        // credential-service accepts Entra tokens for the API and lets the client app at the credentials.
        Map<String, String> credential = env(rendered, "credential-service");
        assertThat(credential).containsEntry("QUARKUS_OIDC_ENTRA_TENANT_ENABLED", "true");
        assertThat(credential.get("QUARKUS_OIDC_ENTRA_TOKEN_AUDIENCE").split(",")).contains("api://exchange-bridge");
        String[] locations = credential.get("QUARKUS_CONFIG_LOCATIONS").split(",");
        PodSpec pod = pod(rendered, "credential-service");
        String client = clientId;
        assertThat(Arrays.stream(locations).map(l -> configFile(rendered, pod, l)))
                .anySatisfy(p -> assertThat(p).containsKey("credential.clients.\"" + client + "\".credentials"))
                .anySatisfy(p -> assertThat(p).containsKey(
                        "bridge-auth.principal-roles.\"system:serviceaccount:exchange-bridge:import-service\""));
    }

    private static PodSpec pod(Rendered rendered, String service) {
        return rendered.get(Deployment.class, service).getSpec().getTemplate().getSpec();
    }

    private static Map<String, String> env(Rendered rendered, String service) {
        Container c = pod(rendered, service).getContainers().get(0);
        return OverlayTest.environment(rendered, c);
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    /** The ConfigMap mounted where {@code file} is (its name in the rendered output). */
    private static String mountedConfigMap(PodSpec pod, String file) {
        VolumeMount mount = pod.getContainers().get(0).getVolumeMounts().stream()
                .filter(m -> file.startsWith(m.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + file));
        return volume(pod, mount.getName()).getConfigMap().getName();
    }

    /** The properties file at {@code file} as the pod sees it: a key of a mounted ConfigMap. */
    private static Properties configFile(Rendered rendered, PodSpec pod, String file) {
        String configMap = mountedConfigMap(pod, file);
        String key = file.substring(file.lastIndexOf('/') + 1);
        String content = rendered.dataOf("ConfigMap", configMap).get(key);
        assertThat(content).as(file + " in ConfigMap " + configMap).isNotNull();
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
