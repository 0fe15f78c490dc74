package io.parzen.deploy.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * The launcher's RSA-2048 signing key pair in {@code <state-dir>/jwt/}: {@code private.pem} (PKCS#8
 * PEM, mode 0600) and {@code public.pem} (X.509 SubjectPublicKeyInfo PEM, which the services read
 * through {@code PARZEN_JWT_PUBLIC_KEY}). Created once by {@link #ensure(Path)}, then reused.
 */
public final class JwtKeys {

    public static final String PRIVATE_FILE = "private.pem";
    public static final String PUBLIC_FILE = "public.pem";
    static final Set<PosixFilePermission> PRIVATE_MODE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> PUBLIC_MODE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path dir;
    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;

    private JwtKeys(Path dir, RSAPrivateKey privateKey, RSAPublicKey publicKey) {
        this.dir = dir;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** {@code <stateDir>/jwt}. */
    public static Path dirOf(Path stateDir) {
        return stateDir.resolve("jwt");
    }

    /** Whether the folder holds both key files. */
    public static boolean exist(Path dir) {
        return Files.isRegularFile(dir.resolve(PRIVATE_FILE)) && Files.isRegularFile(dir.resolve(PUBLIC_FILE));
    }

    /** Loads the key pair of the folder, creating it first if it does not exist. */
    public static synchronized JwtKeys ensure(Path dir) throws IOException {
        if (!exist(dir)) {
            create(dir);
        }
        return load(dir);
    }

    /** Loads an existing key pair; fails with the file's name if a file is missing or not a key. */
    public static JwtKeys load(Path dir) throws IOException {
        Path priv = dir.resolve(PRIVATE_FILE);
        Path pub = dir.resolve(PUBLIC_FILE);
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateKey p = (RSAPrivateKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(fromPem(Files.readString(priv), "PRIVATE KEY", priv)));
            RSAPublicKey q = (RSAPublicKey) rsa.generatePublic(
                    new X509EncodedKeySpec(fromPem(Files.readString(pub), "PUBLIC KEY", pub)));
            if (!p.getModulus().equals(q.getModulus())) {
                throw new IOException(pub + " is not the public key of " + priv
                        + "; delete both to have a new pair created at the next ./parzen up");
            }
            return new JwtKeys(dir.toAbsolutePath(), p, q);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IOException("the key pair in " + dir + " cannot be read (" + e.getMessage()
                    + "); delete " + priv + " and " + pub + " to have a new pair created", e);
        }
    }

    private static void create(Path dir) throws IOException {
        Files.createDirectories(dir);
        posix(dir, DIR_MODE);
        KeyPair pair;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            pair = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate RSA keys", e);
        }
        // the private key is written to a 0600 file that is created that way (never readable by others),
        // then both are moved into place; the public key last, so that exist() means complete
        Path tmpPriv = Files.createTempFile(dir, "private", ".tmp",
                PosixFilePermissions.asFileAttribute(PRIVATE_MODE));
        Files.writeString(tmpPriv, toPem(pair.getPrivate().getEncoded(), "PRIVATE KEY"), StandardCharsets.US_ASCII);
        Files.move(tmpPriv, dir.resolve(PRIVATE_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Path tmpPub = Files.createTempFile(dir, "public", ".tmp");
        Files.writeString(tmpPub, toPem(pair.getPublic().getEncoded(), "PUBLIC KEY"), StandardCharsets.US_ASCII);
        posix(tmpPub, PUBLIC_MODE);
        try {
            Files.move(tmpPub, dir.resolve(PUBLIC_FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.move(tmpPub, dir.resolve(PUBLIC_FILE), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void posix(Path p, Set<PosixFilePermission> mode) throws IOException {
        try {
            Files.setPosixFilePermissions(p, mode);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the folder's ACLs apply
        }
    }

    static String toPem(byte[] der, String type) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static byte[] fromPem(String pem, String type, Path file) throws IOException {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) {
            throw new IOException(file + " is not a PEM file of type " + type + " (expected " + begin + ")");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new IOException(file + ": the PEM body is not Base64", ex);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path privateKeyFile() {
        return dir.resolve(PRIVATE_FILE);
    }

    /** The file services verify tokens with ({@code PARZEN_JWT_PUBLIC_KEY}). */
    public Path publicKeyFile() {
        return dir.resolve(PUBLIC_FILE);
    }

    public RSAPrivateKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }
}
