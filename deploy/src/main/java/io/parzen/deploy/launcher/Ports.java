package io.parzen.deploy.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/** Free-port search and port probes. */
public final class Ports {

    private Ports() {
    }

    /** {@code n} distinct ports that were free a moment ago. */
    public static int[] freePorts(int n) throws IOException {
        Set<Integer> seen = new HashSet<>();
        int[] ports = new int[n];
        int i = 0;
        while (i < n) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int p = s.getLocalPort();
                if (seen.add(p)) {
                    ports[i++] = p;
                }
            }
        }
        return ports;
    }

    /** Whether something accepts connections on 127.0.0.1:port. */
    public static boolean isListening(int port) {
        return isListening("127.0.0.1", port);
    }

    public static boolean isListening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether port could be bound on the loopback address right now. */
    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
