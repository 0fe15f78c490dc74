package io.parzen.deploy.kafka.security;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

/**
 * The secure mode of the embedded broker: a SASL_SSL listener for clients (SCRAM-SHA-512), the
 * KRaft controller listener on mutual TLS (only the broker's own certificate gets in), Kafka's
 * StandardAuthorizer with {@code allow.everyone.if.no.acl.found=false} and the super users
 * {@link Principals#SUPER_USERS}; every other principal gets exactly what {@link TopicAccess} grants.
 *
 * <p>Everything lives in one folder (0700, files 0600), created on first use and reused:
 * {@code secrets.properties} (random passwords of the stores and of every principal), the
 * certificates of {@link BrokerCertificates} and one {@code <principal>.properties} with the
 * standard client settings ({@link ClientSecurity}) for each client principal and for {@code admin}.
 */
public final class SecureBroker {

    /** The name of the client listener (security protocol SASL_SSL). */
    public static final String LISTENER = "SECURE";
    /** Partitions of every topic created in advance: as many as {@link io.parzen.deploy.kafka.EmbeddedKafka#PARTITIONS}. */
    public static final int PARTITIONS = io.parzen.deploy.kafka.EmbeddedKafka.PARTITIONS;
    private static final int SCRAM_ITERATIONS = 8192;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
    private static final String SECRETS = "secrets.properties";
    private static final String HOSTS = "certificate-hosts.txt";

    private final Path dir;
    private final Properties secrets;
    private final boolean freshSecrets;

    private SecureBroker(Path dir, Properties secrets, boolean freshSecrets) {
        this.dir = dir;
        this.secrets = secrets;
        this.freshSecrets = freshSecrets;
    }

    /**
     * Creates what is missing in {@code dir}: passwords, the certificates (again if the host names
     * changed) and the client settings files.
     *
     * @param hosts the addresses clients connect to, besides 127.0.0.1 and localhost
     */
    public static SecureBroker prepare(Path dir, Collection<String> hosts) throws IOException {
        dir = PrivateFiles.folder(dir.toAbsolutePath().normalize());
        Path secretsFile = dir.resolve(SECRETS);
        Properties secrets = new Properties();
        boolean fresh = !Files.isRegularFile(secretsFile);
        if (!fresh) {
            try (Reader r = Files.newBufferedReader(secretsFile)) {
                secrets.load(r);
            }
        }
        boolean changed = false;
        boolean storesChanged = false;
        for (String key : secretKeys()) {
            if (secrets.getProperty(key, "").isBlank()) {
                secrets.setProperty(key, PrivateFiles.password());
                changed = true;
                storesChanged |= !key.startsWith("scram.");
            }
        }
        if (changed) {
            StringWriter w = new StringWriter();
            secrets.store(w, "Parzen secured Kafka: passwords (keep private)");
            PrivateFiles.write(secretsFile, w.toString());
        }
        SecureBroker broker = new SecureBroker(dir, secrets, fresh);
        broker.ensureCertificates(BrokerCertificates.hostsWithLoopback(hosts), storesChanged);
        for (String p : clientsAndAdmin()) {
            broker.client(p).write(dir);
        }
        return broker;
    }

    private static List<String> secretKeys() {
        List<String> keys = new ArrayList<>(List.of("ca.password", "keystore.password", "truststore.password"));
        for (String p : allPrincipals()) {
            keys.add("scram." + p);
        }
        return keys;
    }

    private static List<String> allPrincipals() {
        List<String> all = new ArrayList<>(Principals.SUPER_USERS);
        all.addAll(Principals.CLIENTS);
        return all;
    }

    private static List<String> clientsAndAdmin() {
        List<String> all = new ArrayList<>(Principals.CLIENTS);
        all.add(Principals.ADMIN);
        return all;
    }

    private void ensureCertificates(List<String> hosts, boolean passwordsChanged) throws IOException {
        Path hostsFile = dir.resolve(HOSTS);
        String wanted = String.join("\n", hosts) + "\n";
        boolean present = Files.isRegularFile(BrokerCertificates.keystore(dir))
                && Files.isRegularFile(BrokerCertificates.truststore(dir)) && Files.isRegularFile(hostsFile);
        if (present && !passwordsChanged && Files.readString(hostsFile).equals(wanted)) {
            return;
        }
        BrokerCertificates.generate(dir, hosts, secrets.getProperty("ca.password"),
                secrets.getProperty("keystore.password"), secrets.getProperty("truststore.password"));
        PrivateFiles.write(hostsFile, wanted);
    }

    public Path dir() {
        return dir;
    }

    /** True if the passwords were created by this {@link #prepare}: a broker formatted before does not know them. */
    public boolean freshSecrets() {
        return freshSecrets;
    }

    public Path truststore() {
        return BrokerCertificates.truststore(dir);
    }

    /** The client settings of a principal (any of {@link Principals}). */
    public ClientSecurity client(String principal) {
        String password = secrets.getProperty("scram." + principal);
        if (password == null) {
            throw new IllegalArgumentException("unknown principal " + principal + "; known: " + allPrincipals());
        }
        return new ClientSecurity(principal, password, truststore(), secrets.getProperty("truststore.password"));
    }

    /**
     * The arguments of {@code kafka-storage format --add-scram}: the broker's and the admin's
     * credentials exist from the first start on; the clients' are created through the Admin API.
     */
    public List<String> formatScramArguments() {
        List<String> args = new ArrayList<>();
        for (String p : Principals.SUPER_USERS) {
            args.add("SCRAM-SHA-512=[name=" + p + ",iterations=" + SCRAM_ITERATIONS + ",password="
                    + secrets.getProperty("scram." + p) + "]");
        }
        return args;
    }

    /** The host names in a {@code listeners} or {@code advertised.listeners} value. */
    public static Set<String> hosts(String listeners) {
        Set<String> hosts = new LinkedHashSet<>();
        if (listeners == null) {
            return hosts;
        }
        for (String l : listeners.split(",")) {
            int scheme = l.indexOf("://");
            int port = l.lastIndexOf(':');
            if (scheme > 0 && port > scheme + 3) {
                String h = l.substring(scheme + 3, port);
                hosts.add(h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h);
            }
        }
        return hosts;
    }

    /**
     * The broker settings that turn a plaintext single-node configuration ({@code PLAINTEXT} client
     * listener, {@code CONTROLLER} listener) into the secure one; put them over the plaintext ones.
     */
    public Map<String, Object> brokerConfig(Map<String, Object> plaintext) {
        Map<String, Object> p = new HashMap<>();
        String clientListener = LISTENER + "://";
        p.put("listeners", String.valueOf(plaintext.get("listeners")).replace("PLAINTEXT://", clientListener));
        p.put("advertised.listeners",
                String.valueOf(plaintext.get("advertised.listeners")).replace("PLAINTEXT://", clientListener));
        p.put("listener.security.protocol.map", LISTENER + ":SASL_SSL,CONTROLLER:SSL");
        p.put("inter.broker.listener.name", LISTENER);
        // clients: SCRAM-SHA-512 over TLS
        p.put("sasl.enabled.mechanisms", ClientSecurity.MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", ClientSecurity.MECHANISM);
        String prefix = "listener.name." + LISTENER.toLowerCase() + ".";
        p.put(prefix + "scram-sha-512.sasl.jaas.config", client(Principals.BROKER).jaasConfig());
        p.put("ssl.keystore.location", BrokerCertificates.keystore(dir).toString());
        p.put("ssl.keystore.password", secrets.getProperty("keystore.password"));
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.truststore.location", truststore().toString());
        p.put("ssl.truststore.password", secrets.getProperty("truststore.password"));
        p.put("ssl.truststore.type", "PKCS12");
        // the controller listener: mutual TLS; CN=broker becomes User:broker
        p.put("listener.name.controller.ssl.client.auth", "required");
        String rules = "RULE:^CN=([^,]+)$/$1/,DEFAULT";
        p.put("ssl.principal.mapping.rules", rules);
        p.put("listener.name.controller.ssl.principal.mapping.rules", rules);
        // authorization: nothing without an ACL
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", String.join(";", Principals.SUPER_USERS.stream().map(Principals::user).toList()));
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    /**
     * As {@code admin}: creates or updates the clients' SCRAM credentials, creates the missing topics of
     * {@link TopicAccess#topics()}, adds the ACLs of {@link TopicAccess#aclBindings()} and removes any
     * other ACL of a client principal. Idempotent; run after every start.
     */
    public void provision(String bootstrap) throws IOException {
        Map<String, Object> conf = new TreeMap<>(client(Principals.ADMIN).kafkaProperties());
        conf.put("bootstrap.servers", bootstrap);
        conf.put("client.id", "parzen-launcher-admin");
        try (Admin admin = Admin.create(conf)) {
            List<UserScramCredentialAlteration> credentials = new ArrayList<>();
            for (String p : Principals.CLIENTS) {
                credentials.add(new UserScramCredentialUpsertion(p,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                        secrets.getProperty("scram." + p)));
            }
            await(admin.alterUserScramCredentials(credentials).all());

            Set<String> existing = await(admin.listTopics().names());
            List<NewTopic> missing = TopicAccess.topics().stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList();
            if (!missing.isEmpty()) {
                await(admin.createTopics(missing).all());
            }

            List<AclBinding> wanted = TopicAccess.aclBindings();
            await(admin.createAcls(wanted).all());
            Set<String> clients = new HashSet<>();
            Principals.CLIENTS.forEach(c -> clients.add(Principals.user(c)));
            List<AclBindingFilter> stale = await(admin.describeAcls(AclBindingFilter.ANY).values()).stream()
                    .filter(b -> clients.contains(b.entry().principal()) && !wanted.contains(b))
                    .map(AclBinding::toFilter).toList();
            if (!stale.isEmpty()) {
                await(admin.deleteAcls(stale).all());
            }
            awaitApplied(admin, wanted);
        }
    }

    /**
     * The controller has committed the changes when the calls above return; the broker applies them
     * from the metadata log a moment later. Waits until the broker shows them, so that a client
     * started right after this call is not refused.
     */
    private static void awaitApplied(Admin admin, List<AclBinding> acls) throws IOException {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            boolean topics = await(admin.listTopics().names()).containsAll(TopicAccess.topics());
            boolean bindings = topics && await(admin.describeAcls(AclBindingFilter.ANY).values()).containsAll(acls);
            boolean users = bindings && await(admin.describeUserScramCredentials(Principals.CLIENTS).all()).keySet()
                    .containsAll(Principals.CLIENTS);
            if (users) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the secured broker did not apply its topics, ACLs and credentials within "
                        + ADMIN_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while setting up the secured broker", e);
            }
        }
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> f) throws IOException {
        try {
            return f.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("setting up the secured broker failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("setting up the secured broker timed out after " + ADMIN_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting up the secured broker", e);
        }
    }
}
