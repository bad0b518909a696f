package io.exchangebridge.deploy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/** One rendered overlay, validated and typed. */
record Rendered(String overlay, List<HasMetadata> resources) {

    static Rendered of(String overlay) {
        return of(overlay, Kustomize.render(overlay));
    }

    static Rendered of(String overlay, List<JsonNode> docs) {
        return new Rendered(overlay, docs.stream().map(StrictSchema::validate).toList());
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name)
                .orElseThrow(() -> new AssertionError(overlay + ": no " + type.getSimpleName() + " " + name));
    }

    /** Every pod this overlay runs, by "Kind name". */
    Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
        all(Deployment.class)
                .forEach(d -> pods.put("Deployment " + d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(StatefulSet.class)
                .forEach(s -> pods.put("StatefulSet " + s.getMetadata().getName(), s.getSpec().getTemplate()));
        all(CronJob.class).forEach(c -> pods.put("CronJob " + c.getMetadata().getName(),
                c.getSpec().getJobTemplate().getSpec().getTemplate()));
        return pods;
    }

    /** Keys of a generated Secret or ConfigMap, by its (hashed) name; empty when there is none. */
    Optional<List<String>> keysOf(String kind, String name) {
        if (kind.equals("Secret")) {
            return find(Secret.class, name).map(s -> new ArrayList<>(keys(s.getData(), s.getStringData())));
        }
        return find(ConfigMap.class, name).map(c -> new ArrayList<>(keys(c.getData(), c.getBinaryData())));
    }

    Map<String, String> dataOf(String kind, String name) {
        Map<String, String> data = new LinkedHashMap<>();
        if (kind.equals("Secret")) {
            find(Secret.class, name).map(Secret::getData).ifPresent(m -> m.forEach((k, v) -> data.put(k,
                    new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8))));
        } else {
            find(ConfigMap.class, name).map(ConfigMap::getData).ifPresent(data::putAll);
        }
        return data;
    }

    List<NetworkPolicy> networkPolicies() {
        return all(NetworkPolicy.class);
    }

    private static List<String> keys(Map<String, String> a, Map<String, String> b) {
        List<String> keys = new ArrayList<>();
        if (a != null) {
            keys.addAll(a.keySet());
        }
        if (b != null) {
            keys.addAll(b.keySet());
        }
        return keys;
    }
}
