package org.filtermx.imap.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.filtermx.imap.api.ImapFlags;
import org.junit.jupiter.api.Test;

class WireTest {

    @Test
    void writesFlagsStringsAndDates() {
        assertThat(Wire.flags(0)).isEqualTo("()");
        assertThat(Wire.flags(ImapFlags.SEEN | ImapFlags.DELETED)).isEqualTo("(\\Seen \\Deleted)");
        assertThat(Wire.string("Train as Spam")).isEqualTo("\"Train as Spam\"");
        assertThat(Wire.string("a\"b\\")).isEqualTo("\"a\\\"b\\\\\"");
        assertThat(Wire.string("caf\u00e9")).isEqualTo("{5}\r\ncaf\u00c3\u00a9");
        assertThat(Wire.dateTime(Instant.parse("1996-07-17T09:44:25Z")))
                .isEqualTo("\"17-Jul-1996 09:44:25 +0000\"");
    }

    @Test
    void readsSearchDatesAndAppendDateTimes() throws Exception {
        assertThat(Wire.date("1-Feb-1994")).isEqualTo(LocalDate.of(1994, 2, 1));
        assertThat(Wire.date("17-jul-1996")).isEqualTo(LocalDate.of(1996, 7, 17));
        assertThat(Wire.dateTime("17-Jul-1996 02:44:25 -0700"))
                .isEqualTo(Instant.parse("1996-07-17T09:44:25Z"));
        assertThat(Wire.dateTime(" 7-Feb-1994 21:52:25 -0800"))
                .isEqualTo(Instant.parse("1994-02-08T05:52:25Z"));
        assertThatThrownBy(() -> Wire.date("31-Feb-2020")).isInstanceOf(BadCommand.class);
        assertThatThrownBy(() -> Wire.date("1-Foo-2020")).isInstanceOf(BadCommand.class);
        assertThatThrownBy(() -> Wire.dateTime("17-Jul-1996 02:44:25"))
                .isInstanceOf(BadCommand.class);
    }
}
