package io.parzen.deploy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {

    @Test
    void decodesProcNetAddresses() throws Exception {
        assertEquals("127.0.0.1", ListeningSockets.decode("0100007F"));
        assertEquals("0.0.0.0", ListeningSockets.decode("00000000"));
        assertEquals("::", ListeningSockets.decode("00000000000000000000000000000000"));
        assertEquals("::1", ListeningSockets.decode("00000000000000000000000001000000"));
    }

    @Test
    void seesWhereASocketListens() throws Exception {
        Assumptions.assumeTrue(ListeningSockets.supported(), "needs /proc/net/tcp");
        try (ServerSocket loop = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             ServerSocket any = new ServerSocket()) {
            any.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            assertEquals(Set.of("127.0.0.1"), ListeningSockets.addresses(loop.getLocalPort()));
            Set<String> wildcard = ListeningSockets.addresses(any.getLocalPort());
            assertTrue(wildcard.equals(Set.of("0.0.0.0")) || wildcard.equals(Set.of("::")), wildcard.toString());
        }
    }
}
