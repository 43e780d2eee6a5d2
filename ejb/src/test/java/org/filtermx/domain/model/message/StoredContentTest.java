package org.filtermx.domain.model.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoredContentTest {

    private static final byte[] HEAD = "Received: by mx\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY =
            "Subject: s\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aPartIsItsHeaderLinesInFrontOfTheBody() throws IOException {
        StoredContent part = new StoredContent(HEAD, BODY, null);

        assertThat(part.size()).isEqualTo(HEAD.length + BODY.length);
        assertThat(new String(part.bytes(), StandardCharsets.US_ASCII))
                .isEqualTo("Received: by mx\r\nSubject: s\r\n\r\nbody\r\n");
        try (InputStream in = part.open()) {
            assertThat(in.readAllBytes()).isEqualTo(part.bytes());
        }
    }

    @Test
    void sharingKeepsTheBodyArrayAndRecordsItsRow() {
        StoredContent shared = new StoredContent(HEAD, BODY, null).sharedAs(42);

        assertThat(shared.shared()).isTrue();
        assertThat(shared.bodyId()).isEqualTo(42L);
        assertThat(shared.body()).isSameAs(BODY);
        assertThat(StoredContent.of(BODY).shared()).isFalse();
        assertThat(StoredContent.of(BODY).bytes()).as("no copy without a head").isSameAs(BODY);
    }

    @Test
    void refusesMissingBytes() {
        assertThatThrownBy(() -> new StoredContent(HEAD, null, null))
                .isInstanceOf(NullPointerException.class);
    }
}
