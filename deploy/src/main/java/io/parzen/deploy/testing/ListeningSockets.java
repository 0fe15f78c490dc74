package io.parzen.deploy.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The local addresses on which TCP sockets of this machine listen on a port, read from Linux's
 * {@code /proc/net/tcp} and {@code /proc/net/tcp6} (what {@code ss -ltn} shows): lets a test check
 * that a server binds {@code 127.0.0.1} and not {@code 0.0.0.0}.
 */
public final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Whether this machine has {@code /proc/net/tcp} (Linux). */
    public static boolean supported() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /** The addresses listening on {@code port}, e.g. {@code [127.0.0.1]}, {@code [0.0.0.0]} or {@code [::]}. */
    public static Set<String> addresses(int port) throws IOException {
        Set<String> found = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path f = Path.of(table);
            if (!Files.isReadable(f)) {
                continue;
            }
            for (String line : Files.readAllLines(f)) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length < 4 || !cols[3].equals(LISTEN) || !cols[1].contains(":")) {
                    continue;
                }
                String[] local = cols[1].split(":");
                if (Integer.parseInt(local[1], 16) == port) {
                    found.add(decode(local[0]));
                }
            }
        }
        return found;
    }

    /** A /proc/net address: 32-bit words in host (little-endian) byte order, 8 hex digits each. */
    static String decode(String hex) throws UnknownHostException {
        byte[] b = new byte[hex.length() / 2];
        for (int word = 0; word < b.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                b[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        String a = InetAddress.getByAddress(b).getHostAddress();
        return a.equals("0:0:0:0:0:0:0:0") ? "::" : a.equals("0:0:0:0:0:0:0:1") ? "::1" : a;
    }
}
