package io.exchangebridge.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Evaluates NetworkPolicies of one namespace the way the API defines them: a connection is allowed when the sender's
 * egress and the receiver's ingress both allow it; a pod selected by no policy of a direction is open in it.
 */
final class Reachability {

    /** A pod in a namespace, or (labels null) an address outside the cluster. */
    record Endpoint(String namespace, Map<String, String> namespaceLabels, Map<String, String> labels, String ip) {

        static Endpoint pod(String namespace, Map<String, String> labels) {
            return new Endpoint(namespace, Map.of("kubernetes.io/metadata.name", namespace), labels, null);
        }

        static Endpoint external(String ip) {
            return new Endpoint(null, null, null, ip);
        }

        boolean isPod() {
            return labels != null;
        }
    }

    private final String namespace;
    private final List<NetworkPolicy> policies;

    Reachability(String namespace, List<NetworkPolicy> policies) {
        this.namespace = namespace;
        this.policies = policies;
    }

    boolean allowed(Endpoint from, Endpoint to, int port) {
        boolean egress = !from.isPod() || !namespace.equals(from.namespace()) || allows(from, "Egress", to, port);
        boolean ingress = !to.isPod() || !namespace.equals(to.namespace()) || allows(to, "Ingress", from, port);
        return egress && ingress;
    }

    /** Whether some policy of the direction selects the pod at all. */
    boolean isolated(Endpoint pod, String direction) {
        return policies.stream()
                .anyMatch(p -> types(p).contains(direction) && selects(p.getSpec().getPodSelector(), pod.labels()));
    }

    private boolean allows(Endpoint pod, String direction, Endpoint peer, int port) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(p -> types(p).contains(direction) && selects(p.getSpec().getPodSelector(), pod.labels()))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        for (NetworkPolicy policy : selecting) {
            if (direction.equals("Ingress") && policy.getSpec().getIngress() != null) {
                if (policy.getSpec().getIngress().stream()
                        .anyMatch(r -> matches(r.getFrom(), peer) && matches(r.getPorts(), port))) {
                    return true;
                }
            }
            if (direction.equals("Egress") && policy.getSpec().getEgress() != null) {
                if (policy.getSpec().getEgress().stream()
                        .anyMatch(r -> matches(r.getTo(), peer) && matches(r.getPorts(), port))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> types(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        if (types == null || types.isEmpty()) {
            return policy.getSpec().getEgress() == null || policy.getSpec().getEgress().isEmpty()
                    ? List.of("Ingress")
                    : List.of("Ingress", "Egress");
        }
        return types;
    }

    private boolean matches(List<NetworkPolicyPeer> peers, Endpoint peer) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        return peers.stream().anyMatch(p -> matches(p, peer));
    }

    private boolean matches(NetworkPolicyPeer rule, Endpoint peer) {
        if (rule.getIpBlock() != null) {
            return !peer.isPod() && inBlock(rule.getIpBlock(), peer.ip());
        }
        if (!peer.isPod()) {
            return false;
        }
        boolean namespaceOk = rule.getNamespaceSelector() == null
                ? namespace.equals(peer.namespace())
                : selects(rule.getNamespaceSelector(), peer.namespaceLabels());
        boolean podOk = rule.getPodSelector() == null || selects(rule.getPodSelector(), peer.labels());
        return namespaceOk && podOk;
    }

    private static boolean matches(List<NetworkPolicyPort> ports, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> p.getPort() == null || Objects.equals(asInt(p.getPort()), port)
                || (p.getEndPort() != null && asInt(p.getPort()) <= port && port <= p.getEndPort()));
    }

    private static Integer asInt(IntOrString port) {
        return port.getIntVal();
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null
                && !selector.getMatchLabels().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String value = labels.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> value != null && r.getValues().contains(value);
                    case "NotIn" -> value == null || !r.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new AssertionError("unknown selector operator " + r.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean inBlock(IPBlock block, String ip) {
        if (!inCidr(block.getCidr(), ip)) {
            return false;
        }
        return block.getExcept() == null || block.getExcept().stream().noneMatch(cidr -> inCidr(cidr, ip));
    }

    private static boolean inCidr(String cidr, String ip) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : 0xFFFFFFFFL << (32 - bits) & 0xFFFFFFFFL;
        return (ipv4(parts[0]) & mask) == (ipv4(ip) & mask);
    }

    private static long ipv4(String address) {
        long value = 0;
        for (String octet : address.split("\\.")) {
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }
}
