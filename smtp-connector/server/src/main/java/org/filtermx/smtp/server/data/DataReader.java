package org.filtermx.smtp.server.data;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Reads message content after a 354 reply, chunk by chunk, and streams it to an output without ever
 * holding a whole line in memory.
 *
 * <p>Framing is strict (RFC 5321 sections 2.3.8 and 4.1.1.4): content ends only at {@code
 * CRLF.CRLF}, or at {@code .CRLF} right after the 354. A CR or LF outside a CRLF pair, or a NUL,
 * makes the message unacceptable but reading goes on to the real end, so that no bytes of the
 * message are ever read as commands: this is the defence against SMTP smuggling. Leading
 * transparency dots are removed (RFC 5321 section 4.5.2). Once a problem is found, nothing more is
 * written.
 */
public final class DataReader {

    private enum State {
        LINE_START,
        DOT,
        DOT_CR,
        MID_LINE,
        CR
    }

    private final OutputStream out;
    private final long messageSizeLimit;
    private final int headerSizeLimit;
    private final byte[] buffer = new byte[8192];
    private final HeaderSection header = new HeaderSection();

    private State state = State.LINE_START;
    private int buffered;
    private long size;
    private boolean finished;
    private DataOutcome problem;

    public DataReader(OutputStream out, long messageSizeLimit, int headerSizeLimit) {
        this.out = out;
        this.messageSizeLimit = messageSizeLimit;
        this.headerSizeLimit = headerSizeLimit;
    }

    /**
     * Consumes bytes up to and including the end of data.
     *
     * @return how many bytes were consumed; fewer than {@code length} only when the end of data was
     *     reached, and the rest belongs to the next command
     */
    public int feed(byte[] bytes, int offset, int length) {
        if (finished) {
            return 0;
        }
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            switch (state) {
                case LINE_START -> {
                    if (b == '.') {
                        state = State.DOT;
                    } else {
                        midLine(b);
                    }
                }
                // RFC 5321 section 4.5.2: a leading dot followed by more text is dropped.
                case DOT -> {
                    if (b == '\r') {
                        state = State.DOT_CR;
                    } else {
                        midLine(b);
                    }
                }
                case DOT_CR -> {
                    if (b == '\n') {
                        finish();
                        return i + 1 - offset;
                    }
                    fail(DataOutcome.BARE_LINE_ENDING);
                    midLine(b);
                }
                case CR -> {
                    if (b == '\n') {
                        lineEnd();
                    } else {
                        fail(DataOutcome.BARE_LINE_ENDING);
                        midLine(b);
                    }
                }
                case MID_LINE -> {
                    int run = header.isOpen() ? i : plainRunEnd(bytes, i, end);
                    if (run > i) {
                        emitRun(bytes, i, run - i);
                        i = run - 1;
                    } else {
                        midLine(b);
                    }
                }
            }
        }
        return length;
    }

    /**
     * Where the run of body bytes from {@code from} ends: at a CR, an LF, a NUL or the chunk's end.
     */
    private static int plainRunEnd(byte[] bytes, int from, int end) {
        int i = from;
        while (i < end) {
            byte b = bytes[i];
            if (b == '\r' || b == '\n' || b == 0) {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * {@link #emit} for a run of body bytes with no CR, LF or NUL in it, copied at once: the header
     * section has ended, so only the size limit applies.
     */
    private void emitRun(byte[] bytes, int from, int count) {
        size += count;
        if (size > messageSizeLimit) {
            fail(DataOutcome.MESSAGE_TOO_LARGE);
        }
        if (problem != null) {
            return;
        }
        int at = from;
        int left = count;
        while (left > 0) {
            int n = Math.min(left, buffer.length - buffered);
            System.arraycopy(bytes, at, buffer, buffered, n);
            buffered += n;
            at += n;
            left -= n;
            if (buffered == buffer.length) {
                flush();
                if (problem != null) {
                    return;
                }
            }
        }
    }

    private void midLine(byte b) {
        state = State.MID_LINE;
        if (b == '\r') {
            state = State.CR;
        } else if (b == '\n') {
            fail(DataOutcome.BARE_LINE_ENDING);
        } else if (b == 0) {
            fail(DataOutcome.NUL);
        } else {
            emit(b);
        }
    }

    private void lineEnd() {
        emit((byte) '\r');
        emit((byte) '\n');
        header.lineEnded();
        state = State.LINE_START;
    }

    private void emit(byte b) {
        size++;
        if (size > messageSizeLimit) {
            fail(DataOutcome.MESSAGE_TOO_LARGE);
        }
        if (header.add(b) > headerSizeLimit) {
            fail(DataOutcome.HEADER_TOO_LARGE);
        }
        if (problem != null) {
            return;
        }
        buffer[buffered++] = b;
        if (buffered == buffer.length) {
            flush();
        }
    }

    private void flush() {
        try {
            out.write(buffer, 0, buffered);
        } catch (IOException e) {
            fail(DataOutcome.WRITE_FAILED);
        }
        buffered = 0;
    }

    private void finish() {
        finished = true;
        if (problem == null) {
            flush();
            try {
                out.flush();
            } catch (IOException e) {
                fail(DataOutcome.WRITE_FAILED);
            }
        }
    }

    /** The first problem found is the one reported. */
    private void fail(DataOutcome outcome) {
        if (problem == null) {
            problem = outcome;
        }
    }

    public boolean finished() {
        return finished;
    }

    /** {@link DataOutcome#INCOMPLETE} until the end of data, then the verdict on the content. */
    public DataOutcome outcome() {
        if (!finished) {
            return DataOutcome.INCOMPLETE;
        }
        return problem == null ? DataOutcome.COMPLETE : problem;
    }

    /** Octets of content after dot removal, CRLF included, counted also past a limit. */
    public long size() {
        return size;
    }
}
