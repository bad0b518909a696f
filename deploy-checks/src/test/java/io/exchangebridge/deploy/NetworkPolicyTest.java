package io.exchangebridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.exchangebridge.deploy.Reachability.Endpoint;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/** Who may talk to whom, evaluated on the rendered NetworkPolicies. */
class NetworkPolicyTest {

    /** An address of Microsoft 365 (outside every private range). */
    private static final Endpoint MICROSOFT = Endpoint.external("52.96.0.1");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everythingIsDeniedByDefault(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        NetworkPolicy deny = rendered.get(NetworkPolicy.class, "default-deny-all");
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
        Reachability net = reachability(rendered);
        rendered.podTemplates().forEach((name, pod) -> {
            Endpoint endpoint = pod(rendered, pod.getMetadata().getLabels());
            assertThat(net.isolated(endpoint, "Ingress")).as(name).isTrue();
            assertThat(net.isolated(endpoint, "Egress")).as(name).isTrue();
            // DNS for everyone.
            assertThat(net.allowed(endpoint, other("kube-system", "k8s-app", "kube-dns"), 53)).as(name + " DNS")
                    .isTrue();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheTokenClientsReachTheCredentialService(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Reachability net = reachability(rendered);
        Endpoint credential = app(rendered, "credential-service");
        assertThat(net.allowed(app(rendered, "import-service"), credential, 8081)).isTrue();
        assertThat(net.allowed(app(rendered, "smtp-service"), credential, 8081)).isTrue();
        assertThat(net.allowed(app(rendered, "import-trigger"), credential, 8081)).isFalse();
        assertThat(net.allowed(app(rendered, "some-app"), credential, 8081)).isFalse();
        assertThat(net.allowed(other("elsewhere", "app.kubernetes.io/name", "import-service"), credential, 8081))
                .as("a look-alike pod of another namespace").isFalse();
        assertThat(net.allowed(MICROSOFT, credential, 8081)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theAdminUiReadsTheOtherServicesRestApisOnly(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Reachability net = reachability(rendered);
        Endpoint credential = app(rendered, "credential-service");
        assertThat(net.allowed(credential, app(rendered, "import-service"), 8082)).isTrue();
        assertThat(net.allowed(credential, app(rendered, "smtp-service"), 8083)).isTrue();
        assertThat(net.allowed(credential, app(rendered, "smtp-service"), 2525)).as("SMTP listener").isFalse();
        assertThat(net.allowed(credential, app(rendered, "import-trigger"), 8082)).isFalse();
        assertThat(net.allowed(credential, app(rendered, "some-app"), 8082)).isFalse();
        assertThat(net.allowed(credential, other("elsewhere", "app.kubernetes.io/name", "import-service"), 8082))
                .as("a look-alike pod of another namespace").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theCronJobReachesTheImportServiceAndNothingElse(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Reachability net = reachability(rendered);
        Endpoint trigger = app(rendered, "import-trigger");
        assertThat(net.allowed(trigger, app(rendered, "import-service"), 8082)).isTrue();
        assertThat(net.allowed(trigger, app(rendered, "smtp-service"), 8083)).isFalse();
        assertThat(net.allowed(trigger, MICROSOFT, 443)).isFalse();
        assertThat(net.allowed(app(rendered, "some-app"), app(rendered, "import-service"), 8082)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theIngressControllerReachesTheImportServiceForGraphNotificationsOnly(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Reachability net = reachability(rendered);
        Endpoint controller = other("ingress-nginx", "app.kubernetes.io/name", "ingress-nginx");
        assertThat(net.allowed(controller, app(rendered, "import-service"), 8082)).isTrue();
        assertThat(net.allowed(controller, app(rendered, "credential-service"), 8081)).isFalse();
        assertThat(net.allowed(other("ingress-nginx", "app", "something-else"), app(rendered, "import-service"), 8082))
                .as("another pod of the controller's namespace").isFalse();
        assertThat(net.allowed(other("elsewhere", "app.kubernetes.io/name", "ingress-nginx"),
                app(rendered, "import-service"), 8082)).as("a look-alike in another namespace").isFalse();
        assertThat(net.allowed(MICROSOFT, app(rendered, "import-service"), 8082)).as("directly from outside")
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theSmtpListenerIsOpenToTheClusterOnly(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Reachability net = reachability(rendered);
        Endpoint smtp = app(rendered, "smtp-service");
        assertThat(net.allowed(other("legacy-apps", "app", "scanner"), smtp, 2525)).isTrue();
        assertThat(net.allowed(other("legacy-apps", "app", "erp"), smtp, 8083)).isTrue();
        assertThat(net.allowed(MICROSOFT, smtp, 2525)).isFalse();
        assertThat(net.allowed(Endpoint.external("10.1.2.3"), smtp, 2525)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theServicesReachMicrosoftAndTheirDatabase(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Reachability net = reachability(rendered);
        for (String service : Manifests.SERVICES) {
            Endpoint pod = app(rendered, service);
            assertThat(net.allowed(pod, MICROSOFT, 443)).as(service + " to Microsoft 443").isTrue();
            assertThat(net.allowed(pod, MICROSOFT, 587)).as(service + " to Microsoft 587").isTrue();
            assertThat(net.allowed(pod, MICROSOFT, 22)).as(service + " to the internet on 22").isFalse();
            assertThat(net.allowed(pod, Endpoint.external("10.96.0.10"), 443)).as(service + " to cluster addresses")
                    .isFalse();
            if (overlay.equals("dev")) {
                assertThat(net.allowed(pod, app(rendered, "postgres"), 5432)).as(service + " to postgres").isTrue();
                assertThat(net.allowed(pod, app(rendered, "exchange-simulator"), 9443)).as(service + " to simulator")
                        .isTrue();
            } else {
                assertThat(net.allowed(pod, Endpoint.external("203.0.113.5"), 5432)).as(service + " to PostgreSQL")
                        .isTrue();
            }
        }
        if (overlay.equals("dev")) {
            assertThat(net.allowed(app(rendered, "some-app"), app(rendered, "postgres"), 5432)).isFalse();
            assertThat(net.allowed(app(rendered, "import-trigger"), app(rendered, "postgres"), 5432)).isFalse();
        }
    }

    @Test
    void prodCredentialServiceReachesTheApiServerForTheServiceAccountKeys() {
        Rendered rendered = Rendered.of("prod");
        Reachability net = reachability(rendered);
        // The API server behind the Service kubernetes: a node's address on 6443 (on AKS a public one on 443, which
        // Microsoft's rule allows); other cluster addresses on 443 stay closed (theServicesReachMicrosoft...).
        Endpoint apiServer = Endpoint.external("172.18.0.2");
        assertThat(net.allowed(app(rendered, "credential-service"), apiServer, 6443)).isTrue();
        assertThat(net.allowed(app(rendered, "import-service"), apiServer, 6443)).isFalse();
        assertThat(net.allowed(app(rendered, "smtp-service"), apiServer, 6443)).isFalse();
        assertThat(net.allowed(app(rendered, "credential-service"), apiServer, 5000)).isFalse();
    }

    private static Reachability reachability(Rendered rendered) {
        return new Reachability(namespace(rendered), rendered.networkPolicies());
    }

    private static String namespace(Rendered rendered) {
        return rendered.all(Namespace.class).get(0).getMetadata().getName();
    }

    private static Endpoint pod(Rendered rendered, Map<String, String> labels) {
        return Endpoint.pod(namespace(rendered), labels);
    }

    /** A pod of the overlay's namespace as its workload labels it, or a stranger with only the name label. */
    private static Endpoint app(Rendered rendered, String name) {
        return rendered.podTemplates().values().stream()
                .filter(p -> name.equals(p.getMetadata().getLabels().get("app.kubernetes.io/name"))).findFirst()
                .map(p -> pod(rendered, p.getMetadata().getLabels()))
                .orElseGet(() -> pod(rendered, Map.of("app.kubernetes.io/name", name)));
    }

    private static Endpoint other(String namespace, String key, String value) {
        return Endpoint.pod(namespace, Map.of(key, value));
    }
}
