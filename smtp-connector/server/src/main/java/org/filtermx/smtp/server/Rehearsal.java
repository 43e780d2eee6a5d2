package org.filtermx.smtp.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The node's own SMTP clients that run the mail path before the MX port accepts mail (ADR 0048). A
 * few loopback sessions send {@link RehearsalMail} to a {@link
 * org.filtermx.smtp.api.Role#REHEARSAL} listener for a set time; the endpoint filters and stores
 * each message and rolls the store back. Meanwhile the JIT compiles the code that real mail runs,
 * so the first minute of traffic is not spent compiling it.
 *
 * <p>It never fails the start: trouble ends the rehearsal early (after {@link #MAX_FAILURES}
 * refused messages in a row, or a connection that cannot be made) and the MX port opens anyway.
 */
public final class Rehearsal {

    private static final Logger LOG = Logger.getLogger(Rehearsal.class.getName());

    /** Messages per connection before QUIT and a new connection, as real senders do. */
    static final int MESSAGES_PER_CONNECTION = 20;

    /** Consecutive refused or failed messages after which the rehearsal stops. */
    static final int MAX_FAILURES = 20;

    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REPLY_LINE = 2048;

    /** What a rehearsal did: messages answered 250, messages that were not, how long it ran. */
    public record Result(long accepted, long refused, Duration took) {}

    private final InetSocketAddress target;
    private final long deadlineNanos;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failuresInARow = new AtomicLong();
    private final AtomicBoolean stopped = new AtomicBoolean();

    private Rehearsal(InetSocketAddress target, Duration budget) {
        this.target = target;
        this.deadlineNanos = System.nanoTime() + budget.toNanos();
    }

    /**
     * Sends synthetic mail to {@code target} over {@code sessions} parallel connections for {@code
     * budget}, and returns when that time is up (or the rehearsal gave up).
     */
    public static Result run(InetSocketAddress target, Duration budget, int sessions) {
        long start = System.nanoTime();
        Rehearsal rehearsal = new Rehearsal(target, budget);
        List<Thread> clients = new ArrayList<>(sessions);
        for (int i = 0; i < sessions; i++) {
            int client = i;
            Thread thread = new Thread(() -> rehearsal.client(client), "smtp-rehearsal-" + i);
            thread.setDaemon(true);
            clients.add(thread);
            thread.start();
        }
        for (Thread thread : clients) {
            try {
                thread.join(budget.toMillis() + SOCKET_TIMEOUT.toMillis() * 2);
            } catch (InterruptedException e) {
                rehearsal.stopped.set(true);
                Thread.currentThread().interrupt();
                break;
            }
        }
        rehearsal.stopped.set(true);
        return new Result(
                rehearsal.accepted.get(),
                rehearsal.refused.get(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private boolean going() {
        return !stopped.get() && System.nanoTime() - deadlineNanos < 0;
    }

    private void client(int client) {
        RehearsalMail mail = new RehearsalMail(client);
        while (going()) {
            try (Socket socket = new Socket()) {
                socket.connect(target, (int) SOCKET_TIMEOUT.toMillis());
                socket.setSoTimeout((int) SOCKET_TIMEOUT.toMillis());
                session(socket, mail);
            } catch (IOException e) {
                LOG.warning(() -> "rehearsal stopped: " + e.getMessage());
                stopped.set(true);
            }
        }
    }

    /** One connection: greeting, EHLO, messages, QUIT (RFC 5321 section 3.3). */
    private void session(Socket socket, RehearsalMail mail) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        expect(reply(in), 220);
        send(out, "EHLO " + RehearsalMail.HELO);
        expect(reply(in), 250);
        for (int i = 0; i < MESSAGES_PER_CONNECTION && going(); i++) {
            RehearsalMail.Message message = mail.next();
            send(out, "MAIL FROM:<" + message.sender() + ">");
            expect(reply(in), 250);
            send(out, "RCPT TO:<" + message.recipient() + ">");
            expect(reply(in), 250);
            send(out, "DATA");
            expect(reply(in), 354);
            out.write(message.data());
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            counted(reply(in) / 100 == 2);
        }
        send(out, "QUIT");
        reply(in);
    }

    private void counted(boolean ok) {
        if (ok) {
            accepted.incrementAndGet();
            failuresInARow.set(0);
        } else {
            refused.incrementAndGet();
            if (failuresInARow.incrementAndGet() >= MAX_FAILURES) {
                LOG.warning("rehearsal stopped: " + MAX_FAILURES + " messages in a row refused");
                stopped.set(true);
            }
        }
    }

    private static void expect(int code, int wanted) throws IOException {
        if (code != wanted) {
            throw new IOException("rehearsal listener answered " + code + ", not " + wanted);
        }
    }

    private static void send(OutputStream out, String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The code of the next reply, read to its last line (RFC 5321 section 4.2.1). */
    private static int reply(InputStream in) throws IOException {
        while (true) {
            byte[] line = new byte[MAX_REPLY_LINE];
            int length = 0;
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("rehearsal listener closed the connection");
                }
                if (length < line.length) {
                    line[length++] = (byte) b;
                }
            }
            if (length < 3) {
                throw new IOException("rehearsal listener sent a short reply line");
            }
            boolean last = length == 3 || line[3] != '-';
            if (last) {
                int code = 0;
                for (int i = 0; i < 3; i++) {
                    if (line[i] < '0' || line[i] > '9') {
                        throw new IOException("rehearsal listener sent no reply code");
                    }
                    code = code * 10 + (line[i] - '0');
                }
                return code;
            }
        }
    }
}
