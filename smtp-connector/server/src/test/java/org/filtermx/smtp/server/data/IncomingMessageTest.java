package org.filtermx.smtp.server.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncomingMessageTest {

    @TempDir Path temp;

    @Test
    void writesToAFileOnlyTheServerCanReadInADirectoryItCreates() throws Exception {
        Path directory = temp.resolve("tmp/smtp");
        IncomingMessage message = IncomingMessage.create(directory, "s1", 1000, 1000);
        try {
            assertThat(message.file()).hasParent(directory);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(message.file())))
                    .isEqualTo("rw-------");
        } finally {
            message.close();
        }
        assertThat(message.file()).doesNotExist();
    }

    @Test
    void takesAnotherNameWhenTheSessionsNameIsStillInUse() throws Exception {
        IncomingMessage first = IncomingMessage.create(temp, "s2", 1000, 1000);
        IncomingMessage second = IncomingMessage.create(temp, "s2", 1000, 1000);
        try {
            assertThat(second.file()).isNotEqualTo(first.file()).exists();
            assertThat(first.file()).exists();
        } finally {
            first.close();
            second.close();
        }
    }
}
