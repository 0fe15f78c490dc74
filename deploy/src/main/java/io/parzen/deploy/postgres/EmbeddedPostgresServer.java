package io.parzen.deploy.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server (zonky's embedded binaries, PostgreSQL 14) started from Java. With a
 * data directory it keeps its data between starts; without one it starts empty in a temporary folder.
 * Local connections are trusted; user {@code postgres}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres pg;

    private EmbeddedPostgresServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    /** The default bind address: nothing outside this machine reaches the server. */
    public static final String LOOPBACK = "127.0.0.1";

    /**
     * Starts on {@code port} (0 = any free port) of {@link #LOOPBACK}, keeping data in {@code dataDir} (null = temporary).
     * A server with a data folder is durable (synchronous_commit and fsync on); a temporary one keeps zonky's faster
     * settings, since nothing of it outlives the process.
     */
    public static EmbeddedPostgresServer start(int port, Path dataDir) throws IOException {
        return start(port, dataDir, LOOPBACK);
    }

    /**
     * Starts listening on {@link #listenAddresses(String) 127.0.0.1 and host}. Which clients may log in
     * is pg_hba.conf's business: initdb's default trusts loopback connections only, so a server bound
     * to another address refuses remote clients until its pg_hba.conf says otherwise.
     */
    public static EmbeddedPostgresServer start(int port, Path dataDir, String host) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", listenAddresses(host));
        if (port > 0) {
            builder.setPort(port);
        }
        if (dataDir != null) {
            // zonky's defaults (synchronous_commit=off, fsync=off) suit a throw-away test database, not data kept
            // in a folder: with them a server crash loses the last commits that clients were told had succeeded
            // (the chaos harness found an optimizer batch published from the outbox and then lost). ADR 0026.
            builder.setDataDirectory(dataDir.toFile()).setCleanDataDirectory(false)
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on");
        }
        return new EmbeddedPostgresServer(builder.start());
    }

    /**
     * PostgreSQL's {@code listen_addresses} for a bind address: always {@link #LOOPBACK} (this JVM and
     * the services connect there), plus {@code host} if it is another one; {@code 0.0.0.0} or
     * {@code ::} alone for every interface.
     */
    public static String listenAddresses(String host) {
        String h = host == null || host.isBlank() ? LOOPBACK : host.trim();
        if (h.equals("0.0.0.0") || h.equals("::") || h.equals("*")) {
            return h;
        }
        if (h.equals(LOOPBACK) || h.equals("localhost")) {
            return LOOPBACK;
        }
        return LOOPBACK + "," + h;
    }

    public int port() {
        return pg.getPort();
    }

    /** The Vert.x reactive URL of a database on this server. */
    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database if it does not exist yet. */
    public void createDatabase(String database) throws SQLException {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must match [a-z_][a-z0-9_]*: " + database);
        }
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + database);
        }
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
