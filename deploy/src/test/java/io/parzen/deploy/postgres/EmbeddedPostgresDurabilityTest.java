package io.parzen.deploy.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that keeps its data in a folder (the launcher's) is durable: a commit a client was told succeeded
 * survives a crash of the server (ADR 0026). A temporary test server may trade that for speed.
 */
class EmbeddedPostgresDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void aServerWithADataFolderCommitsSynchronouslyAndFsyncs() throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(0, dir.resolve("data"))) {
            assertEquals("on", setting(pg, "synchronous_commit"));
            assertEquals("on", setting(pg, "fsync"));
        }
    }

    private static String setting(EmbeddedPostgresServer pg, String name) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", "postgres");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
