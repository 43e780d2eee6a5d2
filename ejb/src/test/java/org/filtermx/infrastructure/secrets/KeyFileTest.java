package org.filtermx.infrastructure.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

    @TempDir Path dir;

    @Test
    void createdFileIsReadableByItsOwnerOnlyAndReadsBack() throws Exception {
        KeyFile file = new KeyFile(dir.resolve("secrets.key"));
        assertThat(file.read()).isEmpty();
        KeyRing created = file.create(new SecureRandom());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())))
                .isEqualTo("rw-------");
        assertThat(file.read().orElseThrow().fingerprint(1)).isEqualTo(created.fingerprint(1));
        assertThat(Files.list(dir)).hasSize(1);
    }

    @Test
    void secondCreateKeepsTheFirstFile() {
        KeyFile file = new KeyFile(dir.resolve("secrets.key"));
        KeyRing first = file.create(new SecureRandom());
        assertThat(file.create(new SecureRandom()).fingerprint(1)).isEqualTo(first.fingerprint(1));
    }

    @Test
    void fileReadableByOthersIsRefused() throws Exception {
        KeyFile file = new KeyFile(dir.resolve("secrets.key"));
        file.create(new SecureRandom());
        Files.setPosixFilePermissions(file.path(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(file::read).hasMessageContaining("chmod 600");
    }

    @Test
    void damagedFileIsNamed() throws Exception {
        Path path = dir.resolve("secrets.key");
        Files.createFile(
                path,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(path, "1 short\n");
        assertThatThrownBy(new KeyFile(path)::read)
                .hasMessageContaining("damaged")
                .hasMessageContaining("line 1");
    }
}
