package org.filtermx.infrastructure.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySpaceTest {

    @TempDir Path dir;

    @Test
    void aWritableDirectoryWithRoomIsFine() {
        assertThat(new DirectorySpace(1, dir).problem()).isEmpty();
    }

    @Test
    void lessRoomThanTheReserveIsAProblem() {
        assertThat(new DirectorySpace(Long.MAX_VALUE, dir).problem())
                .hasValueSatisfying(p -> assertThat(p).contains("FILTERMX_MIN_FREE_SPACE"));
    }

    @Test
    void aMissingDirectoryIsAProblem() {
        assertThat(new DirectorySpace(1, dir.resolve("gone")).problem())
                .hasValueSatisfying(p -> assertThat(p).contains("not a writable directory"));
    }
}
