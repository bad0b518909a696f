package io.exchangebridge.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Finds the local run's ports that are taken, and names what holds them when {@code ss} can tell. */
public final class PortCheck {

    private PortCheck() {
    }

    /** One line per taken port, empty when all are free. */
    public static List<String> takenPorts(Map<String, Integer> ports) {
        List<String> problems = new ArrayList<>();
        for (var entry : new TreeMap<>(ports).entrySet()) {
            int port = entry.getValue();
            if (!isFree(port)) {
                problems.add("port " + port + " (" + entry.getKey() + ") is in use" + holder(port));
            }
        }
        return problems;
    }

    private static boolean isFree(int port) {
        for (String address : new String[]{"0.0.0.0", "127.0.0.1"}) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(address))) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** {@code ss -ltnpH 'sport = :port'} names the process when we may see it; otherwise nothing. */
    private static String holder(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-ltnpH", "sport = :" + port).redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes()).trim();
            if (!ss.waitFor(5, TimeUnit.SECONDS) || out.isEmpty()) {
                return "";
            }
            int users = out.indexOf("users:((");
            return users < 0 ? "" : " by " + out.substring(users + "users:((".length()).replaceAll("\\)+$", "");
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
