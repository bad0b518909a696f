package io.exchangebridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;

/** The Ingress that lets Microsoft Graph deliver change notifications: two exact paths, TLS, import-service only. */
class GraphNotificationsIngressTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void exactlyTheTwoNotificationPathsReachTheImportServiceOverTls(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        assertThat(rendered.all(Ingress.class)).extracting(i -> i.getMetadata().getName())
                .containsExactly("graph-notifications");
        Ingress ingress = rendered.get(Ingress.class, "graph-notifications");
        List<IngressRule> rules = ingress.getSpec().getRules();
        assertThat(ingress.getSpec().getDefaultBackend()).isNull();
        assertThat(rules).hasSize(1);
        List<HTTPIngressPath> paths = rules.get(0).getHttp().getPaths();
        assertThat(paths).extracting(HTTPIngressPath::getPath).containsExactlyInAnyOrder("/graph/notifications",
                "/graph/lifecycle");
        Service service = rendered.get(Service.class, "import-service");
        int servicePort = service.getSpec().getPorts().get(0).getPort();
        assertThat(paths).allSatisfy(p -> {
            assertThat(p.getPathType()).as("no prefix match onto the rest of the API").isEqualTo("Exact");
            assertThat(p.getBackend().getService().getName()).isEqualTo("import-service");
            assertThat(p.getBackend().getService().getPort().getNumber()).isEqualTo(servicePort);
        });
        assertThat(ingress.getSpec().getTls()).singleElement()
                .satisfies(t -> assertThat(t.getHosts()).containsExactly(rules.get(0).getHost()));
    }

    @Test
    void prodNotifiesAtTheIngressHost() {
        Rendered rendered = Rendered.of("prod");
        String host = rendered.get(Ingress.class, "graph-notifications").getSpec().getRules().get(0).getHost();
        ConfigMap config = rendered.all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("import-service-config")).findFirst().orElseThrow();
        URI publicUrl = URI.create(config.getData().get("IMPORTER_NOTIFICATIONS_PUBLIC_URL"));
        assertThat(publicUrl.getScheme()).isEqualTo("https");
        assertThat(publicUrl.getHost()).isEqualTo(host);
    }
}
