package org.filtermx.imap.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MailboxPatternTest {

    @Test
    void matchesStarAcrossAndPercentWithinTheHierarchy() throws Exception {
        assertThat(MailboxPattern.of("", "*").matches("a/b/c")).isTrue();
        assertThat(MailboxPattern.of("", "%").matches("a/b")).isFalse();
        assertThat(MailboxPattern.of("", "%").matches("Release")).isTrue();
        assertThat(MailboxPattern.of("a/", "%").matches("a/b")).isTrue();
        assertThat(MailboxPattern.of("", "a/%/c").matches("a/b/c")).isTrue();
        assertThat(MailboxPattern.of("", "Train*Spam").matches("Train as Spam")).isTrue();
        assertThat(MailboxPattern.of("", "Train*Ham").matches("Train as Spam")).isFalse();
        assertThat(MailboxPattern.of("", "inbox").matches("INBOX")).isTrue();
        assertThat(MailboxPattern.of("", "release").matches("Release")).isFalse();
    }

    @Test
    void staysFastOnPathologicalPatterns() throws Exception {
        MailboxPattern pattern = MailboxPattern.of("", "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b");
        // A backtracking matcher needs ~C(200, 16) steps here; the table needs 35 x 200.
        long start = System.nanoTime();
        assertThat(pattern.matches("a".repeat(200))).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
        assertThatThrownBy(() -> MailboxPattern.of("", "*".repeat(2000)))
                .isInstanceOf(BadCommand.class);
    }
}
