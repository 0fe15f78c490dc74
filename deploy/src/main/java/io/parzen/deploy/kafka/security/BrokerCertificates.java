package io.parzen.deploy.kafka.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A private CA and the broker's certificate, made with the JDK's own {@code keytool} (run as a
 * process; passwords are passed through its environment, never on the command line):
 * {@code ca.p12} (the CA's key), {@code broker.p12} (the broker's key and chain), {@code truststore.p12}
 * (the CA certificate only, for clients) and {@code ca.pem}. EC P-256 keys; the broker certificate
 * has CN={@value Principals#BROKER} and a subject alternative name for each host.
 */
final class BrokerCertificates {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private BrokerCertificates() {
    }

    static Path caStore(Path dir) {
        return dir.resolve("ca.p12");
    }

    static Path keystore(Path dir) {
        return dir.resolve("broker.p12");
    }

    static Path truststore(Path dir) {
        return dir.resolve("truststore.p12");
    }

    /** 127.0.0.1 and localhost, then the given hosts: the names clients may connect to. */
    static List<String> hostsWithLoopback(Collection<String> hosts) {
        Set<String> all = new LinkedHashSet<>(List.of("127.0.0.1", "localhost"));
        for (String h : hosts) {
            if (h != null && !h.isBlank() && !h.equals("0.0.0.0") && !h.equals("::")) {
                all.add(h.trim());
            }
        }
        return new ArrayList<>(all);
    }

    /** {@code SAN=dns:localhost,ip:127.0.0.1,...} as keytool's -ext wants it. */
    static String subjectAltNames(List<String> hosts) {
        List<String> parts = new ArrayList<>();
        for (String h : hosts) {
            boolean ip = IPV4.matcher(h).matches() || h.contains(":");
            parts.add((ip ? "ip:" : "dns:") + h);
        }
        return "SAN=" + String.join(",", parts);
    }

    /** (Re)creates all four files in {@code dir}. */
    static void generate(Path dir, List<String> hosts, String caPassword, String keystorePassword,
            String truststorePassword) throws IOException {
        Path ca = caStore(dir);
        Path ks = keystore(dir);
        Path ts = truststore(dir);
        Path caPem = dir.resolve("ca.pem");
        Path csr = dir.resolve("broker.csr");
        Path crt = dir.resolve("broker.pem");
        for (Path p : List.of(ca, ks, ts, caPem, csr, crt)) {
            Files.deleteIfExists(p);
        }
        Map<String, String> env = Map.of("PZ_CA_PASS", caPassword, "PZ_KS_PASS", keystorePassword,
                "PZ_TS_PASS", truststorePassword);
        String validityCa = "3650";
        String validity = "825";
        keytool(dir, env, "-genkeypair", "-alias", "ca", "-dname", "CN=Parzen local Kafka CA", "-ext", "bc:c",
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", validityCa,
                "-keystore", ca.toString(), "-storetype", "PKCS12", "-storepass:env", "PZ_CA_PASS");
        keytool(dir, env, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(),
                "-storepass:env", "PZ_CA_PASS", "-file", caPem.toString());
        keytool(dir, env, "-importcert", "-noprompt", "-alias", "parzen-ca", "-file", caPem.toString(),
                "-keystore", ts.toString(), "-storetype", "PKCS12", "-storepass:env", "PZ_TS_PASS");
        keytool(dir, env, "-genkeypair", "-alias", "broker", "-dname", "CN=" + Principals.BROKER,
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", validity,
                "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass:env", "PZ_KS_PASS");
        keytool(dir, env, "-certreq", "-alias", "broker", "-keystore", ks.toString(), "-storepass:env", "PZ_KS_PASS",
                "-file", csr.toString());
        keytool(dir, env, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass:env", "PZ_CA_PASS",
                "-infile", csr.toString(), "-outfile", crt.toString(), "-validity", validity,
                "-ext", subjectAltNames(hosts), "-ext", "KU=digitalSignature,keyAgreement",
                "-ext", "EKU=serverAuth,clientAuth");
        keytool(dir, env, "-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(),
                "-keystore", ks.toString(), "-storepass:env", "PZ_KS_PASS");
        keytool(dir, env, "-importcert", "-noprompt", "-alias", "broker", "-file", crt.toString(),
                "-keystore", ks.toString(), "-storepass:env", "PZ_KS_PASS");
        Files.deleteIfExists(csr);
        Files.deleteIfExists(crt);
        for (Path p : List.of(ca, ks, ts, caPem)) {
            PrivateFiles.restrict(p);
        }
    }

    private static void keytool(Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.add("-J-Xmx64m");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool " + args[0] + " did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool " + args[0], e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed (exit " + p.exitValue() + "): " + output.trim());
        }
    }
}
