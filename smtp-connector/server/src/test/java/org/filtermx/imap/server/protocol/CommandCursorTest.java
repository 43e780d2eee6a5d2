package org.filtermx.imap.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandCursorTest {

    @Test
    void readsAtomsQuotedStringsWithEscapesAndLiterals() throws Exception {
        RawCommand command =
                new RawCommand(
                        List.of("a1 LOGIN \"fred \\\"x\\\\\" {5}", " NIL (\\Seen \\Flagged)"),
                        List.of(Literal.of("s3cr\n".getBytes(StandardCharsets.UTF_8))));
        CommandCursor in = new CommandCursor(command);
        assertThat(in.atom()).isEqualTo("a1");
        in.space();
        assertThat(in.keyword()).isEqualTo("LOGIN");
        in.space();
        assertThat(in.astring()).isEqualTo("fred \"x\\");
        in.space();
        assertThat(in.astring()).isEqualTo("s3cr\n");
        in.space();
        assertThat(in.nstring()).isNull();
        in.space();
        assertThat(in.list(false)).containsExactly("\\Seen", "\\Flagged");
        in.end();
    }

    @Test
    void refusesMalformedInput() {
        assertThatThrownBy(() -> new CommandCursor(RawCommand.of("\"open")).astring())
                .isInstanceOf(BadCommand.class);
        assertThatThrownBy(() -> new CommandCursor(RawCommand.of("\"bad \\n\"")).astring())
                .isInstanceOf(BadCommand.class);
        assertThatThrownBy(() -> new CommandCursor(RawCommand.of("12345678901")).number())
                .isInstanceOf(BadCommand.class);
        assertThatThrownBy(() -> new CommandCursor(RawCommand.of("4294967296")).number())
                .isInstanceOf(BadCommand.class);
        assertThatThrownBy(() -> new CommandCursor(RawCommand.of("0:3")).sequenceSet())
                .isInstanceOf(BadCommand.class);
        assertThatThrownBy(() -> new CommandCursor(RawCommand.of("1,,2")).sequenceSet())
                .isInstanceOf(BadCommand.class);
    }

    @Test
    void takesALiteralOnlyWhereTheRestOfTheLineIsItsMarker() throws Exception {
        RawCommand command =
                new RawCommand(
                        List.of("{3}x {6}", ""),
                        List.of(Literal.of("secret".getBytes(StandardCharsets.UTF_8))));
        CommandCursor in = new CommandCursor(command);
        assertThat(in.atLiteral()).isFalse();
        assertThatThrownBy(in::astring).isInstanceOf(BadCommand.class);
    }

    @Test
    void readsSectionSpecsUpToTheClosingBracket() throws Exception {
        CommandCursor in = new CommandCursor(RawCommand.of("HEADER.FIELDS (\"X]\" Subject)]<0.5>"));
        assertThat(in.bracketed()).isEqualTo("HEADER.FIELDS (\"X]\" Subject)");
        assertThat(in.peek('<')).isTrue();
    }
}
