package io.exchangebridge.smtp.listener;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Client networks in CIDR notation whose clients may send without AUTH. */
final class TrustedNetworks {

    private record Network(byte[] address, int prefix) {
    }

    private final List<Network> networks = new ArrayList<>();

    TrustedNetworks(List<String> cidrs) {
        for (String cidr : cidrs) {
            String[] parts = cidr.trim().split("/");
            try {
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : address.length * 8;
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("Bad prefix in relay.listener.trusted-networks: " + cidr);
                }
                networks.add(new Network(address, prefix));
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("Not a CIDR in relay.listener.trusted-networks: " + cidr, e);
            }
        }
    }

    boolean contains(InetAddress client) {
        byte[] a = client.getAddress();
        for (Network n : networks) {
            if (n.address().length == a.length && matches(n.address(), a, n.prefix())) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] net, byte[] a, int prefix) {
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((net[bit / 8] & mask) != (a[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
