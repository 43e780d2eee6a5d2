package org.filtermx.application.internal.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlindCopyFieldsTest {

    private static String remove(String message) {
        return new String(
                BlindCopyFields.remove(message.getBytes(StandardCharsets.ISO_8859_1)),
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void removesBccAndResentBccWithTheirContinuationLines() {
        String m =
                "From: a@example.net\r\nTo: bob@example.com\r\nBCC: carol@example.com,\r\n dave@example.com\r\n"
                        + "Resent-Bcc : eve@example.com\r\nSubject: hi\r\n\r\nBcc: stays in the body\r\n";
        assertThat(remove(m))
                .isEqualTo(
                        "From: a@example.net\r\nTo: bob@example.com\r\nSubject: hi\r\n\r\n"
                                + "Bcc: stays in the body\r\n");
    }

    @Test
    void leavesAMessageWithoutBlindCopiesAsItIs() {
        byte[] m =
                "From: a@example.net\r\nBccx: no\r\nSubject: Bcc: no\r\n\r\nbody"
                        .getBytes(StandardCharsets.US_ASCII);
        assertThat(BlindCopyFields.remove(m)).isSameAs(m);
    }
}
