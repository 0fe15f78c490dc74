package io.parzen.deploy.kafka;

import io.parzen.deploy.kafka.security.SecureBroker;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), started in
 * the current JVM. Used by the services' tests and, through {@link KafkaMain}, by the launcher as a
 * background process. The log directory is formatted on first start and reused afterwards.
 * {@link #secured(Path)} turns on TLS, SASL/SCRAM and ACLs ({@link SecureBroker}).
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** The default listener address: nothing outside this machine reaches the broker. */
    public static final String LOOPBACK = "127.0.0.1";
    /**
     * Partitions of every topic the broker creates (the {@code parzen.*} topics are created on first use):
     * 12, so that up to 12 instances of a service share a topic's partitions in one consumer group (ADR 0027).
     */
    public static final int PARTITIONS = 12;

    private final String host;
    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private KafkaRaftServer server;
    private Path securityDir;
    private SecureBroker security;

    /** A broker whose client listener binds {@link #LOOPBACK}. */
    public EmbeddedKafka(int port, int controllerPort, Path logDir) {
        this(LOOPBACK, port, controllerPort, logDir);
    }

    /**
     * A broker whose client listener binds {@code host} (an address, a host name, or {@code 0.0.0.0}
     * for every interface); the KRaft controller listener always binds {@link #LOOPBACK}: only this
     * broker talks to it.
     */
    public EmbeddedKafka(String host, int port, int controllerPort, Path logDir) {
        this.host = host == null || host.isBlank() ? LOOPBACK : host.trim();
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
    }

    /** A broker on free ports with a fresh temporary log directory. */
    public static EmbeddedKafka onFreePorts() throws IOException {
        return new EmbeddedKafka(freePort(), freePort(), Files.createTempDirectory("parzen-kafka"));
    }

    /**
     * Secure mode: SASL_SSL (SCRAM-SHA-512) for clients, StandardAuthorizer and the ACLs of
     * {@link io.parzen.deploy.kafka.security.TopicAccess}; certificates, passwords and each principal's
     * client settings are kept in {@code securityDir}. Call before {@link #start()}.
     */
    public synchronized EmbeddedKafka secured(Path securityDir) {
        this.securityDir = securityDir;
        return this;
    }

    /** The secure mode's files and credentials once started secured, else null. */
    public synchronized SecureBroker security() {
        return security;
    }

    public synchronized EmbeddedKafka start() throws IOException {
        if (server != null) {
            return this;
        }
        Files.createDirectories(logDir);
        Map<String, Object> props = config();
        boolean formatted = Files.exists(logDir.resolve("meta.properties"));
        if (securityDir != null) {
            security = SecureBroker.prepare(securityDir, SecureBroker.hosts(String.valueOf(props.get("advertised.listeners"))));
            if (formatted && security.freshSecrets()) {
                throw new IllegalStateException("the Kafka log directory " + logDir + " was formatted without the"
                        + " credentials of " + securityDir + " (new passwords were just created there); delete "
                        + logDir + " to start the secured broker from scratch");
            }
            props.putAll(security.brokerConfig(props));
        }
        if (!formatted) {
            format();
        }
        server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        if (security != null) {
            try {
                security.provision(bootstrapServers());
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }
        return this;
    }

    private void format() {
        try {
            new Formatter()
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setScramArguments(security == null ? List.of() : security.formatScramArguments())
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format the Kafka log directory " + logDir
                    + "; delete it to start from scratch", e);
        }
    }

    /** The listener properties of the broker (listeners, advertised listeners, controller voters), for tests. */
    Map<String, Object> listenerConfig() {
        Map<String, Object> all = config();
        Map<String, Object> l = new HashMap<>();
        for (String k : List.of("listeners", "advertised.listeners", "controller.quorum.voters")) {
            l.put(k, all.get(k));
        }
        return l;
    }

    /**
     * The host clients are told to connect to: the bind address, or for a wildcard this machine's
     * name (a wildcard cannot be advertised).
     */
    public String advertisedHost() {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            try {
                return java.net.InetAddress.getLocalHost().getCanonicalHostName();
            } catch (IOException e) {
                return LOOPBACK;
            }
        }
        return host;
    }

    private static String literal(String h) {
        return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
    }

    private Map<String, Object> config() {
        Map<String, Object> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + LOOPBACK + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + literal(host) + ":" + port + ",CONTROLLER://" + LOOPBACK + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + literal(advertisedHost()) + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", Integer.toString(PARTITIONS));
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // the cleaner's default 128 MiB buffer does not fit a small heap (infrastructure note G3)
        p.put("log.cleaner.dedupe.buffer.size", "8388608");
        return p;
    }

    public String bootstrapServers() {
        return literal(advertisedHost()) + ":" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
