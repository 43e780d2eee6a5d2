package org.filtermx.smtp.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedKeyStoreTest {

    @TempDir Path directory;

    @Test
    void generatesOncePrivatelyAndReusesOnLaterStarts() throws Exception {
        SelfSignedKeyStore first = SelfSignedKeyStore.loadOrCreate(directory, "mx.test");
        SelfSignedKeyStore second = SelfSignedKeyStore.loadOrCreate(directory, "mx.test");

        X509Certificate certificate = (X509Certificate) first.keyStore().getCertificate("smtp");
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=mx.test");
        assertThat(second.keyStore().getCertificate("smtp")).isEqualTo(certificate);
        for (String file :
                new String[] {SelfSignedKeyStore.FILE, SelfSignedKeyStore.PASSWORD_FILE}) {
            assertThat(
                            PosixFilePermissions.toString(
                                    Files.getPosixFilePermissions(directory.resolve(file))))
                    .isEqualTo("rw-------");
        }
    }
}
