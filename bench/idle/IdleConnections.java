import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens many idle SMTP sessions and holds them: {@code java bench/idle/IdleConnections.java
 * --port P --connections 5000 --per-address 10 --first 127.0.10.1 --hold 30 --ready FILE}.
 * See bench/README.md.
 *
 * <p>Connection i comes from source address {@code first + i / per-address} (addresses ending in
 * .0 and .255 skipped) and a local port of {@code --ports}, so no ephemeral port is used. Each
 * session reads the greeting, says EHLO, reads the reply and then stays idle. Once every session
 * is open (or failed), it writes "open N" to the ready file, then holds them for {@code --hold}
 * seconds, checking every two seconds that each is still open and silent (a session the server
 * closed, or that received anything, counts as dropped). Prints one RESULT line at the end.
 */
public final class IdleConnections {

    static String host = "127.0.0.1";
    static int port = 2525;
    static int connections = 5000;
    static int perAddress = 10;
    static String first = "127.0.10.1";
    static double holdSeconds = 30;
    static int portLow = 45000, portHigh = 45999;
    static int threads = 16;
    static Path ready;

    public static void main(String[] args) throws Exception {
        parse(args);
        List<InetAddress> sources = new ArrayList<>();
        long next = toLong(InetAddress.getByName(first));
        int addressesNeeded = (connections + perAddress - 1) / perAddress;
        while (sources.size() < addressesNeeded) {
            if ((next & 0xff) != 0 && (next & 0xff) != 0xff) {
                sources.add(fromLong(next));
            }
            next++;
        }
        int span = portHigh - portLow + 1;
        if (perAddress > span) {
            throw new IllegalArgumentException("--per-address larger than the port range");
        }
        SocketChannel[] channels = new SocketChannel[connections];
        AtomicInteger refused = new AtomicInteger();
        List<String> errors = new ArrayList<>();
        long[] setupNanos = new long[connections];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        // A random start in the port range, so that a rerun does not meet the previous run's TIME_WAITs.
        int offset = (int) (Math.random() * span);
        for (int i = 0; i < connections; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                InetAddress source = sources.get(index / perAddress);
                long s = System.nanoTime();
                try {
                    channels[index] = open(source, offset + index % perAddress, span);
                    setupNanos[index] = System.nanoTime() - s;
                } catch (IOException e) {
                    refused.incrementAndGet();
                    synchronized (errors) {
                        if (errors.size() < 10) {
                            errors.add(source.getHostAddress() + ": " + e.getMessage());
                        }
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        int open = 0;
        for (SocketChannel c : channels) {
            if (c != null) {
                c.configureBlocking(false);
                open++;
            }
        }
        long[] sorted = java.util.Arrays.stream(setupNanos).filter(v -> v > 0).sorted().toArray();
        System.out.printf(Locale.ROOT, "opened                 : %d of %d in %.1f s over %d source addresses (%s-%s), %d refused or failed%n",
                open, connections, openSeconds, sources.size(), sources.get(0).getHostAddress(),
                sources.get(sources.size() - 1).getHostAddress(), refused.get());
        if (sorted.length > 0) {
            System.out.printf(Locale.ROOT, "setup                  : p50 %.2f ms, p99 %.2f ms, max %.2f ms (connect, greeting, EHLO)%n",
                    sorted[sorted.length / 2] / 1e6, sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
                    sorted[sorted.length - 1] / 1e6);
        }
        for (String e : errors) {
            System.out.println("error                  : " + e);
        }
        System.out.flush();
        if (ready != null) {
            Files.writeString(ready, "open " + open + "\n");
        }

        // Hold: every two seconds, a non-blocking read on each session must return 0 (open, silent).
        ByteBuffer buffer = ByteBuffer.allocate(512);
        long holdEnd = System.nanoTime() + (long) (holdSeconds * 1e9);
        int dropped = 0;
        List<String> drops = new ArrayList<>();
        int minOpen = open;
        while (true) {
            for (int i = 0; i < connections; i++) {
                SocketChannel c = channels[i];
                if (c == null) {
                    continue;
                }
                buffer.clear();
                int n;
                try {
                    n = c.read(buffer);
                } catch (IOException e) {
                    n = -1;
                }
                if (n != 0) {
                    dropped++;
                    if (drops.size() < 10) {
                        drops.add(c.socket().getLocalAddress().getHostAddress() + ":" + c.socket().getLocalPort()
                                + (n < 0 ? " closed by the server" : " received: "
                                + new String(buffer.array(), 0, n, StandardCharsets.US_ASCII).trim()));
                    }
                    c.close();
                    channels[i] = null;
                }
            }
            minOpen = Math.min(minOpen, open - dropped);
            if (System.nanoTime() >= holdEnd) {
                break;
            }
            Thread.sleep(Math.min(2000, Math.max(1, (holdEnd - System.nanoTime()) / 1_000_000)));
        }
        int held = open - dropped;
        for (String d : drops) {
            System.out.println("dropped                : " + d);
        }
        System.out.printf(Locale.ROOT, "held                   : %d of %d for %.0f s (%d dropped during the hold)%n",
                held, connections, holdSeconds, dropped);
        System.out.printf(Locale.ROOT, "RESULT wanted=%d opened=%d refused=%d dropped=%d held=%d hold_s=%.0f open_s=%.1f%n",
                connections, open, refused.get(), dropped, held, holdSeconds, openSeconds);
        for (SocketChannel c : channels) {
            if (c != null) {
                try {
                    c.write(ByteBuffer.wrap("QUIT\r\n".getBytes(StandardCharsets.US_ASCII)));
                } catch (IOException ignored) {
                    // closing anyway
                }
                c.close();
            }
        }
        System.exit(held == connections ? 0 : 1);
    }

    /** Connects from source (a port of the range, from the given slot on), reads 220, EHLO, 250. */
    static SocketChannel open(InetAddress source, int slot, int span) throws IOException {
        IOException last = null;
        for (int k = 0; k < 32; k++) {
            int localPort = portLow + Math.floorMod(slot + k * perAddress, span);
            SocketChannel c = SocketChannel.open();
            try {
                c.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                c.bind(new InetSocketAddress(source, localPort));
                c.socket().connect(new InetSocketAddress(host, port), 10_000);
            } catch (IOException e) {
                c.close();
                String m = String.valueOf(e.getMessage());
                if (m.contains("in use") || m.contains("assign requested address")) {
                    last = e;   // port taken or that 4-tuple still in TIME_WAIT: next port
                    continue;
                }
                throw e;
            }
            try {
                c.socket().setSoTimeout(30_000);
                String greeting = reply(c);
                if (!greeting.startsWith("220")) {
                    throw new IOException("greeting: " + greeting);
                }
                c.write(ByteBuffer.wrap("EHLO idle.example.org\r\n".getBytes(StandardCharsets.US_ASCII)));
                String ehlo = reply(c);
                if (!ehlo.startsWith("250")) {
                    throw new IOException("EHLO: " + ehlo);
                }
                return c;
            } catch (IOException e) {
                c.close();
                throw e;
            }
        }
        throw new IOException("no usable local port on " + source.getHostAddress(), last);
    }

    /** Reads a whole (possibly multi-line) reply in blocking mode; returns its last line. */
    static String reply(SocketChannel c) throws IOException {
        var in = c.socket().getInputStream();
        StringBuilder line = new StringBuilder();
        while (true) {
            line.setLength(0);
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("closed by the server" + (line.length() > 0 ? " after: " + line : ""));
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line.toString();
            }
        }
    }

    static void parse(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--host" -> host = v;
                case "--port" -> port = Integer.parseInt(v);
                case "--connections" -> connections = Integer.parseInt(v);
                case "--per-address" -> perAddress = Integer.parseInt(v);
                case "--first" -> first = v;
                case "--hold" -> holdSeconds = Double.parseDouble(v);
                case "--threads" -> threads = Integer.parseInt(v);
                case "--ready" -> ready = Path.of(v);
                case "--ports" -> {
                    String[] p = v.split("-");
                    portLow = Integer.parseInt(p[0]);
                    portHigh = Integer.parseInt(p[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
    }

    static long toLong(InetAddress a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }

    static InetAddress fromLong(long x) throws IOException {
        return InetAddress.getByAddress(new byte[] {(byte) (x >> 24), (byte) (x >> 16), (byte) (x >> 8), (byte) x});
    }
}
