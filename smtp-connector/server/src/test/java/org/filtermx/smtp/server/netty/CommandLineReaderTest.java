package org.filtermx.smtp.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.filtermx.smtp.server.protocol.SmtpReplies;
import org.junit.jupiter.api.Test;

class CommandLineReaderTest {

    private final CommandLineReader reader = new CommandLineReader(10);

    private static ByteBuf buffer(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    @Test
    void framesPipelinedLinesInOrder() {
        ByteBuf in = buffer("NOOP\r\nRSET\r\nQU");

        assertThat(reader.next(in).text()).isEqualTo("NOOP");
        assertThat(reader.next(in).text()).isEqualTo("RSET");
        assertThat(reader.next(in)).isNull();
        assertThat(in.readableBytes()).isEqualTo(2);
    }

    @Test
    void refusesBareLineFeedAndBareCarriageReturn() {
        ByteBuf in = buffer("NOOP\nNO\rOP\r\nNOOP\r\n");

        assertThat(reader.next(in).problem()).isEqualTo(SmtpReplies.BARE_LINE_ENDING);
        assertThat(reader.next(in).problem()).isEqualTo(SmtpReplies.BARE_LINE_ENDING);
        assertThat(reader.next(in).text()).isEqualTo("NOOP");
    }

    @Test
    void discardsOverlongLineWithoutBufferingIt() {
        ByteBuf in = buffer("X".repeat(50));

        assertThat(reader.next(in)).isNull();
        assertThat(in.readableBytes()).isZero();
        in.writeCharSequence("more\r\nNOOP\r\n", StandardCharsets.US_ASCII);
        assertThat(reader.next(in).problem()).isEqualTo(SmtpReplies.LINE_TOO_LONG);
        assertThat(reader.next(in).text()).isEqualTo("NOOP");
    }

    @Test
    void acceptsLineOfExactlyTheLimit() {
        assertThat(reader.next(buffer("0123456789\r\n")).text()).isEqualTo("0123456789");
        assertThat(reader.next(buffer("0123456789A\r\n")).problem())
                .isEqualTo(SmtpReplies.LINE_TOO_LONG);
    }
}
