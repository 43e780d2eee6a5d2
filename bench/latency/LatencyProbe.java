import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * SMTP transaction latency probe, a single file without dependencies:
 * {@code java bench/latency/LatencyProbe.java [options]}. See bench/README.md.
 *
 * <p>Opens {@code --connections} SMTP sessions spread round-robin over {@code --sources} local
 * addresses (127.x.y.z; each socket is bound to a port of {@code --ports}, so no ephemeral port
 * is taken), says EHLO, and then sends messages:
 * <ul>
 *   <li>{@code --rate 0}: closed loop, each session sends its next message as soon as the last
 *   one was answered; prints the rate reached (the maximum for that many sessions);</li>
 *   <li>{@code --rate R}: open loop, message i is due at start + i/R seconds whatever happened
 *   before; a free session takes the next due message and waits until it is due. If every
 *   session is busy, the message starts late; that wait shows in the "from schedule" figures
 *   (no coordinated omission there).</li>
 * </ul>
 * Each transaction is MAIL FROM, RCPT TO, DATA, content, final dot, without pipelining; its
 * latency runs from writing MAIL FROM until the 250 after the final dot. Connection setup
 * (connect, greeting, EHLO reply) is measured separately, also for the reconnections after
 * {@code --per-connection} messages. The first {@code --warmup} seconds are sent but not counted.
 */
public final class LatencyProbe {

    static String host = "127.0.0.1";
    static int port = 2525;
    static List<InetAddress> sources = new ArrayList<>();
    static int connections = 20;
    static double rate = 0;
    static double seconds = 60;
    static double warmupSeconds = 5;
    static int size = 5120;
    static int perConnection = 100;
    static int portLow = 45000, portHigh = 45999;
    static String from = "latency-probe@example.org";
    static String to = "user@bench.test";
    static String heloName = "latency-probe.example.org";

    // results, appended under the lock of their list
    static final LongList latencies = new LongList();      // MAIL FROM -> 250 after the dot, ns
    static final LongList fromSchedule = new LongList();   // due time -> 250 after the dot, ns
    static final LongList setups = new LongList();         // connect -> EHLO reply, ns
    static final LongList completedAt = new LongList();    // end of each measured transaction, ns since measureFrom
    static final AtomicInteger errors = new AtomicInteger();
    static final AtomicInteger warmupDone = new AtomicInteger();
    static final List<String> errorSamples = new ArrayList<>();

    static final AtomicLong nextIndex = new AtomicLong();
    static volatile long startNanos;
    static volatile long measureFromNanos;
    static volatile long endNanos;

    public static void main(String[] args) throws Exception {
        parse(args);
        if (sources.isEmpty()) {
            sources.add(InetAddress.getByName("127.0.0.1"));
        }
        long perAddress = (connections + sources.size() - 1) / sources.size();
        if (perAddress > 9) {
            System.err.println("latency-probe: warning: " + perAddress + " sessions per source address;"
                    + " FilterMX allows 10 per client IP and a reconnection may overlap its predecessor");
        }
        List<Thread> threads = new ArrayList<>();
        long warmupNanos = (long) (warmupSeconds * 1e9);
        // Sessions connect during the 0.2 s before the clock starts. Their setup times count
        // unless there is a warm-up; those of reconnections within the measured time always count.
        startNanos = System.nanoTime() + 200_000_000L;
        measureFromNanos = startNanos + warmupNanos;
        endNanos = measureFromNanos + (long) (seconds * 1e9);
        for (int i = 0; i < connections; i++) {
            InetAddress source = sources.get(i % sources.size());
            Thread t = new Thread(() -> session(source), "session-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join(Math.max(1, (endNanos - System.nanoTime()) / 1_000_000 + 60_000));
        }
        report();
    }

    /** One SMTP session after another on one source address, until the end of the run. */
    static void session(InetAddress source) {
        SplittableRandom random = new SplittableRandom(ThreadLocalRandom.current().nextLong());
        boolean finished = false;
        while (!finished && System.nanoTime() < endNanos) {
            long setupStart = System.nanoTime();
            try (Socket socket = connect(source)) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(120_000);
                InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
                OutputStream out = socket.getOutputStream();
                expect(in, 220, "greeting");
                send(out, "EHLO " + heloName + "\r\n");
                expect(in, 250, "EHLO");
                long setupEnd = System.nanoTime();
                if (setupEnd >= measureFromNanos || warmupSeconds == 0) {
                    synchronized (setups) { setups.add(setupEnd - setupStart); }
                }
                int sent = 0;
                while (perConnection == 0 || sent < perConnection) {
                    long due;
                    if (rate > 0) {
                        long i = nextIndex.getAndIncrement();
                        due = startNanos + (long) (i * 1e9 / rate);
                        if (due >= endNanos) {
                            finished = true;
                            break;
                        }
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    } else {
                        due = Math.max(System.nanoTime(), startNanos);
                        long wait;
                        while ((wait = startNanos - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        if (due >= endNanos) {
                            finished = true;
                            break;
                        }
                    }
                    byte[] message = message(random);
                    long t0 = System.nanoTime();
                    send(out, "MAIL FROM:<" + from + "> SIZE=" + message.length + "\r\n");
                    expect(in, 250, "MAIL FROM");
                    send(out, "RCPT TO:<" + to + ">\r\n");
                    expect(in, 250, "RCPT TO");
                    send(out, "DATA\r\n");
                    expect(in, 354, "DATA");
                    out.write(message);
                    out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    expect(in, 250, "end of data");
                    long t1 = System.nanoTime();
                    sent++;
                    if (due >= measureFromNanos) {
                        synchronized (latencies) {
                            latencies.add(t1 - t0);
                            fromSchedule.add(t1 - due);
                            completedAt.add(t1 - measureFromNanos);
                        }
                    } else {
                        warmupDone.incrementAndGet();
                    }
                }
                send(out, "QUIT\r\n");
                try {
                    expect(in, 221, "QUIT");
                } catch (IOException ignored) {
                    // the server may close first; nothing was at stake
                }
            } catch (IOException e) {
                errors.incrementAndGet();
                synchronized (errorSamples) {
                    if (errorSamples.size() < 10) {
                        errorSamples.add(source.getHostAddress() + ": " + e.getMessage());
                    }
                }
                LockSupport.parkNanos(100_000_000L);
            }
        }
    }

    /** A socket bound to source and a port of --ports (the next free one from a random start). */
    static Socket connect(InetAddress source) throws IOException {
        int span = portHigh - portLow + 1;
        int first = ThreadLocalRandom.current().nextInt(span);
        IOException last = null;
        for (int k = 0; k < Math.min(span, 64); k++) {
            int localPort = portLow + (first + k) % span;
            Socket socket = new Socket();
            try {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(source, localPort));
                socket.connect(new InetSocketAddress(host, port), 10_000);
                return socket;
            } catch (BindException | NoRouteToHostException e) {
                last = e; // port taken, or that 4-tuple still in TIME_WAIT
                socket.close();
            } catch (SocketException e) {
                socket.close();
                if (e.getMessage() != null && e.getMessage().contains("assign requested address")) {
                    last = e;
                    continue;
                }
                throw e;
            }
        }
        throw new IOException("no free local port in " + portLow + "-" + portHigh + " on " + source.getHostAddress(), last);
    }

    static void send(OutputStream out, String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one (possibly multi-line) reply; fails unless its code is the expected one. */
    static void expect(InputStream in, int code, String what) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            line.setLength(0);
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed waiting for the reply to " + what);
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            if (line.length() < 3) {
                throw new IOException("bad reply to " + what + ": " + line);
            }
            if (line.length() == 3 || line.charAt(3) != '-') {
                break;
            }
        }
        int got = Integer.parseInt(line.substring(0, 3));
        if (got != code) {
            throw new IOException(what + " answered " + line);
        }
    }

    static final String[] WORDS = ("the quarterly report is attached and the figures for the northern region look better"
            + " than expected please review the budget before our meeting on thursday we should discuss the"
            + " schedule for the next release and the changes the customer asked for in their last message"
            + " thanks for your help with the migration the new servers are running and the backups are"
            + " complete let me know if anything is missing from the document or if you need more time"
            + " regards team project invoice delivery shipment contract proposal draft version update"
            + " kind morning afternoon office travel hotel flight conference agenda minutes notes call")
            .split(" ");
    static final String[] SUBJECTS = {"Quarterly report", "Meeting on Thursday", "Re: release schedule",
            "Migration status", "Invoice for November", "Draft proposal", "Travel plans", "Minutes of the call"};
    static final String[] NAMES = {"Alice Martin", "Bruno Keller", "Chloe Dubois", "David Novak", "Eva Lindqvist"};
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);

    /** A plain-text business message of about --size bytes, CRLF lines of at most 76 octets. */
    static byte[] message(SplittableRandom random) {
        StringBuilder m = new StringBuilder(size + 1024);
        String name = NAMES[random.nextInt(NAMES.length)];
        String id = Long.toHexString(random.nextLong()) + "." + System.nanoTime();
        m.append("From: ").append(name).append(" <").append(from).append(">\r\n");
        m.append("To: <").append(to).append(">\r\n");
        m.append("Date: ").append(ZonedDateTime.now().format(DATE)).append("\r\n");
        m.append("Message-ID: <").append(id).append("@example.org>\r\n");
        m.append("Subject: ").append(SUBJECTS[random.nextInt(SUBJECTS.length)]).append("\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: text/plain; charset=us-ascii\r\n");
        m.append("Content-Transfer-Encoding: 7bit\r\n\r\n");
        m.append("Hello,\r\n\r\n");
        int bodyStart = m.length();
        StringBuilder line = new StringBuilder(80);
        while (m.length() - bodyStart < size) {
            String w = WORDS[random.nextInt(WORDS.length)];
            if (line.length() + w.length() + 1 > 72) {
                m.append(line).append(random.nextInt(12) == 0 ? ".\r\n\r\n" : "\r\n");
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(w);
        }
        m.append(line).append("\r\n\r\n").append(name).append("\r\n");
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static void report() {
        long[] lat, sched, setup;
        synchronized (latencies) { lat = latencies.sorted(); sched = fromSchedule.sorted(); }
        synchronized (setups) { setup = setups.sorted(); }
        double measured = Math.min(System.nanoTime(), endNanos) - measureFromNanos;
        System.out.printf(Locale.ROOT, "mode                   : %s, %d sessions over %d source addresses (%s%s), %d messages per connection%n",
                rate > 0 ? String.format(Locale.ROOT, "open loop at %.1f msg/s", rate) : "closed loop (as fast as answered)",
                connections, sources.size(), sources.get(0).getHostAddress(),
                sources.size() > 1 ? "-" + sources.get(sources.size() - 1).getHostAddress() : "",
                perConnection);
        System.out.printf(Locale.ROOT, "transactions           : %d in %.1f s = %.1f msg/s (after %d in %.0f s of warm-up); errors %d%n",
                lat.length, measured / 1e9, lat.length / (measured / 1e9), warmupDone.get(), warmupSeconds, errors.get());
        System.out.println("MAIL FROM -> 250       : " + percentiles(lat));
        if (rate > 0) {
            System.out.println("from schedule          : " + percentiles(sched));
        }
        System.out.println("connection setup       : " + percentiles(setup) + " (connect, greeting, EHLO)");
        // p99 and max per 10 s of the measured time, to match against the machine's load.
        long[][] windows;
        synchronized (latencies) { windows = windows(10); }
        StringBuilder p99s = new StringBuilder(), maxes = new StringBuilder();
        for (long[] w : windows) {
            p99s.append(String.format(Locale.ROOT, " %.0f", ms(pct(w, 99))));
            maxes.append(String.format(Locale.ROOT, " %.0f", ms(w.length == 0 ? 0 : w[w.length - 1])));
        }
        System.out.println("p99 per 10 s (ms)      :" + p99s);
        System.out.println("max per 10 s (ms)      :" + maxes);
        synchronized (errorSamples) {
            for (String e : errorSamples) {
                System.out.println("error                  : " + e);
            }
        }
        System.out.printf(Locale.ROOT, "RESULT count=%d rate=%.2f p50=%.3f p90=%.3f p99=%.3f p999=%.3f max=%.3f errors=%d sched_p99=%.3f setup_p99=%.3f setups=%d%n",
                lat.length, lat.length / (measured / 1e9), ms(pct(lat, 50)), ms(pct(lat, 90)), ms(pct(lat, 99)),
                ms(pct(lat, 99.9)), ms(lat.length == 0 ? 0 : lat[lat.length - 1]), errors.get(),
                ms(pct(sched, 99)), ms(pct(setup, 99)), setup.length);
    }

    /** The latencies of each window of the given seconds, sorted; caller holds the lock of latencies. */
    static long[][] windows(int windowSeconds) {
        long width = windowSeconds * 1_000_000_000L;
        int count = (int) Math.max(1, (long) Math.ceil(seconds * 1e9 / width));
        LongList[] lists = new LongList[count];
        for (int i = 0; i < count; i++) {
            lists[i] = new LongList();
        }
        for (int i = 0; i < latencies.size; i++) {
            int w = (int) Math.max(0, Math.min(count - 1, completedAt.values[i] / width));
            lists[w].add(latencies.values[i]);
        }
        long[][] result = new long[count][];
        for (int i = 0; i < count; i++) {
            result[i] = lists[i].sorted();
        }
        return result;
    }

    static String percentiles(long[] v) {
        if (v.length == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "n=%d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms",
                v.length, ms(pct(v, 50)), ms(pct(v, 90)), ms(pct(v, 99)), ms(pct(v, 99.9)), ms(v[v.length - 1]));
    }

    /** Nearest-rank percentile of sorted values. */
    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static void parse(String[] args) throws IOException {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println("java bench/latency/LatencyProbe.java --host H --port P --sources A[,B...]|FIRST-LAST"
                        + " --connections N --rate MSG_PER_S(0 = closed loop) --seconds S --warmup S --size BYTES"
                        + " --per-connection N(0 = no reconnect) --ports LOW-HIGH --from ADDR --to ADDR");
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--host" -> host = v;
                case "--port" -> port = Integer.parseInt(v);
                case "--sources" -> sources = addresses(v);
                case "--connections" -> connections = Integer.parseInt(v);
                case "--rate" -> rate = Double.parseDouble(v);
                case "--seconds" -> seconds = Double.parseDouble(v);
                case "--warmup" -> warmupSeconds = Double.parseDouble(v);
                case "--size" -> size = Integer.parseInt(v);
                case "--per-connection" -> perConnection = Integer.parseInt(v);
                case "--ports" -> {
                    String[] p = v.split("-");
                    portLow = Integer.parseInt(p[0]);
                    portHigh = Integer.parseInt(p[1]);
                }
                case "--from" -> from = v;
                case "--to" -> to = v;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
    }

    /** "127.0.1.1,127.0.1.2" or a range "127.0.1.1-127.0.1.4" (last octet, or across octets). */
    static List<InetAddress> addresses(String spec) throws IOException {
        List<InetAddress> result = new ArrayList<>();
        for (String part : spec.split(",")) {
            if (part.contains("-")) {
                String[] ends = part.split("-");
                long a = toLong(InetAddress.getByName(ends[0]));
                long b = toLong(InetAddress.getByName(ends[1]));
                for (long x = a; x <= b; x++) {
                    if ((x & 0xff) == 0 || (x & 0xff) == 0xff) {
                        continue;
                    }
                    result.add(InetAddress.getByAddress(new byte[] {
                            (byte) (x >> 24), (byte) (x >> 16), (byte) (x >> 8), (byte) x}));
                }
            } else {
                result.add(InetAddress.getByName(part));
            }
        }
        return result;
    }

    static long toLong(InetAddress a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }

    /** A growable array of longs. */
    static final class LongList {
        long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}
