package io.parzen.deploy.kafka.security;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/** Files only their owner may read: a 0700 folder, 0600 files, random passwords. */
final class PrivateFiles {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** A folder (and its parents) that only the owner may enter. */
    static Path folder(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (POSIX) {
            Files.setPosixFilePermissions(dir, OWNER_RWX);
        }
        return dir;
    }

    /** Writes text through a 0600 temporary file moved into place, so it is never readable by others. */
    static void write(Path file, String text) throws IOException {
        Path tmp = POSIX
                ? Files.createTempFile(file.getParent(), ".tmp-", "", PosixFilePermissions.asFileAttribute(OWNER_RW))
                : Files.createTempFile(file.getParent(), ".tmp-", "");
        try {
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes an existing file 0600. */
    static void restrict(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, OWNER_RW);
        }
    }

    /** 24 random bytes, base64url without padding: 32 characters, no quote, comma or bracket. */
    static String password() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
