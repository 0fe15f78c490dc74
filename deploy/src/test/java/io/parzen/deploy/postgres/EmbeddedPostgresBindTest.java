package io.parzen.deploy.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parzen.deploy.testing.ListeningSockets;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL listens on 127.0.0.1 only by default (PostgreSQL's own default adds ::1). */
class EmbeddedPostgresBindTest {

    @Test
    void listensOnLoopbackOnly() throws Exception {
        Assumptions.assumeTrue(ListeningSockets.supported(), "needs /proc/net/tcp");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(0, null)) {
            assertEquals(Set.of("127.0.0.1"), ListeningSockets.addresses(pg.port()));
            pg.createDatabase("bind_check"); // and it is reachable there
        }
    }
}
