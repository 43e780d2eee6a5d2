package org.filtermx.infrastructure.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;

/**
 * The key file on disk: read when present, written once (mode 600, atomically, never over an
 * existing file) when the node may create it. A key file that others can read is refused, as
 * OpenSSH refuses a private key with loose permissions.
 */
public final class KeyFile {

    private static final Set<PosixFilePermission> LOOSE =
            Set.of(
                    PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private final Path path;

    public KeyFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /**
     * The key ring in the file, or empty when there is no file.
     *
     * @throws IllegalStateException when the file is unreadable, malformed, or open to others
     */
    public Optional<KeyRing> read() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (permissions.stream().anyMatch(LOOSE::contains)) {
                throw new IllegalStateException(
                        "the secrets key file "
                                + path
                                + " is readable or writable by others ("
                                + PosixFilePermissions.toString(permissions)
                                + "); chmod 600 it");
            }
        } catch (UnsupportedOperationException notPosix) {
            // A file system without POSIX permissions: nothing to check.
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read the secrets key file " + path + ": " + e.getMessage(), e);
        }
        try {
            return Optional.of(KeyRing.parse(Files.readString(path, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read the secrets key file " + path + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "the secrets key file " + path + " is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a new key file with one fresh key; when another process wrote one first, returns that
     * one instead.
     */
    public KeyRing create(SecureRandom random) {
        KeyRing ring = KeyRing.generate(random);
        try {
            Path dir = path.toAbsolutePath().getParent();
            try {
                Files.createDirectories(
                        dir,
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectories(dir);
            }
            Path temp = dir.resolve(path.getFileName() + ".new");
            Files.deleteIfExists(temp);
            try {
                Files.createFile(
                        temp,
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temp);
            }
            Files.writeString(temp, ring.format(), StandardCharsets.US_ASCII);
            try {
                // A hard link publishes the complete file, and fails if a file is already there.
                Files.createLink(path, temp);
            } catch (FileAlreadyExistsException raced) {
                Files.delete(temp);
                return read().orElseThrow();
            } catch (UnsupportedOperationException noLinks) {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.deleteIfExists(temp);
            return ring;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot write the secrets key file " + path + ": " + e.getMessage(), e);
        }
    }
}
