package org.filtermx.imap.server.netty;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.filtermx.imap.server.ImapServerSettings;
import org.filtermx.imap.server.protocol.Literal;
import org.filtermx.imap.server.protocol.RawCommand;

/**
 * Frames commands out of received bytes: lines ending in CRLF (a bare LF is tolerated), each
 * followed by a literal when it ends in {@code {n}} or {@code {n+}} (RFC 3501 section 4.3, RFC 7888
 * LITERAL+). Caps come first: a line over the limit is dropped without being buffered, and a
 * literal over the limit is refused before any of it is read (a synchronizing one never gets its
 * {@code +} continuation; a non-synchronizing one closes the connection, since the client sends it
 * anyway). The caps are smaller before login. APPEND's message goes to a temporary file once it is
 * larger than the in-memory literal cap.
 */
final class CommandFramer {

    /** Most literals in one command. */
    static final int LITERALS_PER_COMMAND = 64;

    private static final int CHUNK = 16 * 1024;

    private final ImapServerSettings settings;
    private final BooleanSupplier authenticated;
    private final List<String> lines = new ArrayList<>();
    private final List<Literal> literals = new ArrayList<>();
    private boolean discardingLine;
    private long inMemory;

    private long literalRemaining = -1;
    private byte[] literalBytes;
    private int literalFilled;
    private Path literalFile;
    private OutputStream literalOut;
    private long literalSize;
    private boolean literalFailed;

    CommandFramer(ImapServerSettings settings, BooleanSupplier authenticated) {
        this.settings = settings;
        this.authenticated = authenticated;
    }

    /** The next frame in {@code in}, or {@code null} when more bytes are needed. */
    Frame next(ByteBuf in) {
        while (in.isReadable()) {
            if (literalRemaining >= 0) {
                Frame done = readLiteral(in);
                if (done != null) {
                    return done;
                }
                continue;
            }
            int limit = lineLimit();
            int start = in.readerIndex();
            int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
            if (lf < 0) {
                if (in.readableBytes() > limit + 1) {
                    discardingLine = true;
                    in.skipBytes(in.readableBytes());
                }
                return null;
            }
            in.readerIndex(lf + 1);
            int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            if (discardingLine || end - start > limit) {
                discardingLine = false;
                return refuse("BAD [TOOBIG] Command line too long", false);
            }
            String line = in.toString(start, end - start, StandardCharsets.UTF_8);
            lines.add(line);
            Frame frame = afterLine(line);
            if (frame != null) {
                return frame;
            }
        }
        return null;
    }

    private int lineLimit() {
        return authenticated.getAsBoolean()
                ? ImapServerSettings.LINE_LIMIT
                : ImapServerSettings.LINE_LIMIT_BEFORE_LOGIN;
    }

    /** A complete line: the command is done, or a literal follows. */
    private Frame afterLine(String line) {
        int close = line.length() - 1;
        if (close < 2 || line.charAt(close) != '}') {
            return complete();
        }
        boolean nonSynchronizing = line.charAt(close - 1) == '+';
        int digitsEnd = nonSynchronizing ? close - 1 : close;
        int open = digitsEnd - 1;
        while (open >= 0 && line.charAt(open) >= '0' && line.charAt(open) <= '9') {
            open--;
        }
        if (open < 0 || line.charAt(open) != '{' || open == digitsEnd - 1) {
            return complete();
        }
        long size =
                digitsEnd - open - 1 > 12
                        ? Long.MAX_VALUE
                        : Long.parseLong(line.substring(open + 1, digitsEnd));
        boolean append = isAppend();
        boolean loggedIn = authenticated.getAsBoolean();
        long cap =
                !loggedIn
                        ? ImapServerSettings.LITERAL_LIMIT_BEFORE_LOGIN
                        : append ? settings.messageSizeLimit() : ImapServerSettings.LITERAL_LIMIT;
        boolean toFile = loggedIn && append && size > ImapServerSettings.LITERAL_LIMIT;
        long memoryCap =
                loggedIn
                        ? 4L * ImapServerSettings.LITERAL_LIMIT
                        : 4L * ImapServerSettings.LITERAL_LIMIT_BEFORE_LOGIN;
        if (size > cap
                || literals.size() >= LITERALS_PER_COMMAND
                || (!toFile && inMemory + size > memoryCap)) {
            String status = append && loggedIn ? "NO" : "BAD";
            return refuse(status + " [TOOBIG] Literal too large", nonSynchronizing);
        }
        if (!startLiteral(size, toFile)) {
            return refuse("NO [SERVERBUG] Cannot store the literal", nonSynchronizing);
        }
        if (!nonSynchronizing) {
            return new Frame.Continue();
        }
        return null;
    }

    private boolean startLiteral(long size, boolean toFile) {
        literalRemaining = size;
        literalSize = size;
        literalFailed = false;
        literalFilled = 0;
        if (toFile) {
            try {
                Files.createDirectories(settings.tempDirectory());
                literalFile =
                        Files.createTempFile(settings.tempDirectory(), "imap-append-", ".eml");
                literalOut = Files.newOutputStream(literalFile);
            } catch (IOException e) {
                deleteLiteralFile();
                literalRemaining = -1;
                return false;
            }
        } else {
            literalBytes = new byte[(int) size];
            inMemory += size;
        }
        return true;
    }

    private Frame readLiteral(ByteBuf in) {
        int length = (int) Math.min(literalRemaining, Math.min(in.readableBytes(), CHUNK));
        if (literalBytes != null) {
            in.readBytes(literalBytes, literalFilled, length);
            literalFilled += length;
        } else if (literalFailed) {
            in.skipBytes(length);
        } else {
            try {
                in.readBytes(literalOut, length);
            } catch (IOException e) {
                literalFailed = true;
            }
        }
        literalRemaining -= length;
        if (literalRemaining > 0) {
            return null;
        }
        literalRemaining = -1;
        if (literalBytes != null) {
            literals.add(Literal.of(literalBytes));
            literalBytes = null;
            return null;
        }
        try {
            literalOut.close();
        } catch (IOException e) {
            literalFailed = true;
        }
        literalOut = null;
        if (literalFailed) {
            deleteLiteralFile();
            return refuse("NO [SERVERBUG] Cannot store the literal", false);
        }
        literals.add(new Literal(null, literalFile, literalSize));
        literalFile = null;
        return null;
    }

    private boolean isAppend() {
        String first = lines.get(0);
        int space = first.indexOf(' ');
        return space > 0 && first.regionMatches(true, space + 1, "APPEND ", 0, 7);
    }

    private Frame complete() {
        RawCommand command = new RawCommand(lines, literals);
        lines.clear();
        literals.clear();
        inMemory = 0;
        return new Frame.Command(command);
    }

    private Frame refuse(String text, boolean close) {
        String tag = "*";
        if (!lines.isEmpty()) {
            String first = lines.get(0);
            int space = first.indexOf(' ');
            if (space > 0) {
                tag = first.substring(0, space);
            }
        }
        discard();
        return new Frame.Refused(tag + " " + text, close);
    }

    /** Drops the command being framed and deletes its files. */
    void discard() {
        literals.forEach(Literal::discard);
        literals.clear();
        lines.clear();
        inMemory = 0;
        literalBytes = null;
        literalRemaining = -1;
        if (literalOut != null) {
            try {
                literalOut.close();
            } catch (IOException e) {
                // deleted below
            }
            literalOut = null;
        }
        deleteLiteralFile();
    }

    private void deleteLiteralFile() {
        if (literalFile != null) {
            try {
                Files.deleteIfExists(literalFile);
            } catch (IOException e) {
                // best effort
            }
            literalFile = null;
        }
    }
}
