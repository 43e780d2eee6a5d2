package org.filtermx.imap.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.filtermx.imap.server.ImapServerSettings;
import org.filtermx.imap.server.protocol.Literal;
import org.filtermx.imap.server.protocol.RawCommand;
import org.filtermx.smtp.server.SmtpServerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandFramerTest {

    @TempDir Path directory;
    private boolean authenticated;

    private CommandFramer framer() {
        ImapServerSettings settings =
                ImapServerSettings.of(
                        SmtpServerSettings.builder().dataDirectory(directory).build(),
                        0,
                        0,
                        false,
                        Duration.ofSeconds(10));
        return new CommandFramer(settings, () -> authenticated);
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    @Test
    void framesLinesAndToleratesBareLf() {
        CommandFramer framer = framer();
        ByteBuf in = bytes("a1 NOOP\r\na2 CAPA");
        assertThat(framer.next(in)).isEqualTo(new Frame.Command(RawCommand.of("a1 NOOP")));
        assertThat(framer.next(in)).isNull();
        in.writeBytes(bytes("BILITY\n"));
        assertThat(framer.next(in)).isEqualTo(new Frame.Command(RawCommand.of("a2 CAPABILITY")));
    }

    @Test
    void readsLiteralsSplitAcrossReads() {
        CommandFramer framer = framer();
        ByteBuf in = bytes("a1 LOGIN {3}\r\n");
        assertThat(framer.next(in)).isInstanceOf(Frame.Continue.class);
        in.writeBytes(bytes("ab"));
        assertThat(framer.next(in)).isNull();
        in.writeBytes(bytes("c {2+}\r\nxy\r\n"));
        Frame frame = framer.next(in);
        RawCommand command = ((Frame.Command) frame).command();
        assertThat(command.lines()).containsExactly("a1 LOGIN {3}", " {2+}", "");
        assertThat(command.literals()).extracting(Literal::text).containsExactly("abc", "xy");
    }

    @Test
    void refusesOversizedInputBeforeLogin() {
        CommandFramer framer = framer();
        assertThat(framer.next(bytes("a1 LOGIN {1025}\r\n")))
                .isEqualTo(new Frame.Refused("a1 BAD [TOOBIG] Literal too large", false));
        assertThat(framer.next(bytes("a2 LOGIN {99999999999999999999+}\r\n")))
                .isEqualTo(new Frame.Refused("a2 BAD [TOOBIG] Literal too large", true));
        ByteBuf in = bytes("a3 " + "x".repeat(ImapServerSettings.LINE_LIMIT_BEFORE_LOGIN + 10));
        assertThat(framer.next(in)).isNull();
        assertThat(in.isReadable()).isFalse();
        assertThat(framer.next(bytes("yyy\r\n")))
                .isEqualTo(new Frame.Refused("* BAD [TOOBIG] Command line too long", false));
    }

    @Test
    void spoolsLargeAppendLiteralsToAFile() throws Exception {
        authenticated = true;
        CommandFramer framer = framer();
        int size = ImapServerSettings.LITERAL_LIMIT + 10;
        ByteBuf in =
                bytes(
                        "a1 APPEND \"Train as Spam\" {"
                                + size
                                + "+}\r\n"
                                + "m".repeat(size)
                                + "\r\n");
        RawCommand command = ((Frame.Command) framer.next(in)).command();
        Literal literal = command.literals().get(0);
        assertThat(literal.file()).isNotNull();
        assertThat(Files.size(literal.file())).isEqualTo(size);
        command.discard();
        assertThat(literal.file()).doesNotExist();
    }
}
