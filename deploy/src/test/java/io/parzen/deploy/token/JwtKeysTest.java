package io.parzen.deploy.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtKeysTest {

    @TempDir
    Path state;

    @Test
    void createsAnRsa2048PairOnceWithAPrivateFileOnlyTheOwnerReads() throws Exception {
        Path dir = JwtKeys.dirOf(state);
        assertFalse(JwtKeys.exist(dir));
        JwtKeys keys = JwtKeys.ensure(dir);
        assertTrue(JwtKeys.exist(dir));
        assertEquals(2048, keys.publicKey().getModulus().bitLength());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.privateKeyFile())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.publicKeyFile())));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }

        String priv = Files.readString(keys.privateKeyFile());
        String pub = Files.readString(keys.publicKeyFile());
        assertTrue(priv.startsWith("-----BEGIN PRIVATE KEY-----\n") && priv.endsWith("-----END PRIVATE KEY-----\n"));
        assertTrue(pub.startsWith("-----BEGIN PUBLIC KEY-----\n") && pub.endsWith("-----END PUBLIC KEY-----\n"));
        assertTrue(pub.lines().allMatch(l -> l.length() <= 64), "PEM lines of 64 characters");
        // what a verifier does with public.pem: X.509 SubjectPublicKeyInfo
        String body = pub.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        RSAPublicKey decoded = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        assertEquals(keys.publicKey().getModulus(), decoded.getModulus());

        // a second ensure reuses the pair
        JwtKeys again = JwtKeys.ensure(dir);
        assertEquals(keys.publicKey().getModulus(), again.publicKey().getModulus());
        assertEquals(pub, Files.readString(again.publicKeyFile()));
    }

    @Test
    void aPublicKeyOfAnotherPairOrABrokenFileIsReportedByName() throws Exception {
        Path a = JwtKeys.ensure(state.resolve("a")).dir();
        Path b = JwtKeys.ensure(state.resolve("b")).dir();
        assertNotEquals(Files.readString(a.resolve("public.pem")), Files.readString(b.resolve("public.pem")));
        Files.copy(b.resolve("public.pem"), a.resolve("public.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IOException e = assertThrows(IOException.class, () -> JwtKeys.load(a));
        assertTrue(e.getMessage().contains("is not the public key of"), e.getMessage());

        Files.writeString(b.resolve("private.pem"), "not a key");
        e = assertThrows(IOException.class, () -> JwtKeys.load(b));
        assertTrue(e.getMessage().contains(b.resolve("private.pem") + " is not a PEM file"), e.getMessage());
    }
}
