package org.filtermx.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code dnsmasq} as a real DNS server on the resolver address the gateway under test uses
 * ({@code FILTERMX_IT_DNS}, as {@code DnsResponder}), for as long as one test needs it. It needs
 * nothing but the JDK, so in-container tests (inside the server, which runs on the same machine)
 * can start it too.
 *
 * <p>Built with {@link #builder()}: MX, A/AAAA and TXT records, TTL 0. Every name below a zone that
 * holds a record (its top label, e.g. {@code test}) or below a {@link Builder#zone zone} named
 * explicitly that has no record gets NXDOMAIN, nothing is ever forwarded ({@code --no-resolv}), and
 * names outside those zones get REFUSED. dnsmasq runs in the foreground as the test JVM's child,
 * bound to the loopback address only; {@link #close()} stops it and waits until the port is free
 * again, because other tests bind it with {@code DnsResponder} afterwards. New records: close and
 * start another one.
 */
public final class Dnsmasq implements AutoCloseable {

    /** The longest character-string of a TXT record (RFC 1035 section 3.3). */
    static final int TXT_STRING_LIMIT = 255;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final InetSocketAddress address;
    private final Path log;

    private Dnsmasq(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The records to serve; {@link #start()} launches dnsmasq with them. */
    public static final class Builder {

        private final List<String> options = new ArrayList<>();
        private final Set<String> zones = new LinkedHashSet<>();

        private Builder() {}

        /** An MX record: {@code domain} is served by {@code host} with this preference. */
        public Builder mx(String domain, String host, int preference) {
            options.add("mx-host=" + name(domain) + "," + name(host) + "," + preference);
            return this;
        }

        /** A and/or AAAA records of {@code host} (IPv4 and IPv6 literals, in any mix). */
        public Builder address(String host, String... addresses) {
            options.add("host-record=" + name(host) + "," + String.join(",", addresses));
            return this;
        }

        /**
         * A TXT record of {@code name} holding {@code text}, cut into character-strings of at most
         * 255 octets (a DKIM key is longer; RFC 6376 section 3.6.2.2 joins them again).
         */
        public Builder txt(String name, String text) {
            if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
                throw new IllegalArgumentException("TXT text beyond ASCII: " + text);
            }
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            StringBuilder option = new StringBuilder("txt-record=").append(name(name));
            int from = 0;
            do {
                int to = Math.min(bytes.length, from + TXT_STRING_LIMIT);
                String part = new String(bytes, from, to - from, StandardCharsets.US_ASCII);
                option.append(",\"").append(quoted(part)).append('"');
                from = to;
            } while (from < bytes.length);
            options.add(option.toString());
            return this;
        }

        /** Answers every name below {@code zone} that has no record with NXDOMAIN. */
        public Builder zone(String zone) {
            zones.add(name(zone));
            return this;
        }

        /** Starts dnsmasq on the gateway's resolver address and waits until it answers. */
        public Dnsmasq start() throws IOException, InterruptedException {
            InetSocketAddress address = resolverAddress();
            Path dir = itDirectory();
            Files.createDirectories(dir);
            Path conf = dir.resolve("dnsmasq.conf");
            Path log = dir.resolve("dnsmasq.log");
            List<String> lines = new ArrayList<>();
            lines.add("port=" + address.getPort());
            lines.add("listen-address=" + address.getAddress().getHostAddress());
            lines.add("bind-interfaces");
            lines.add("no-resolv");
            lines.add("no-hosts");
            lines.add("no-poll");
            lines.add("local-ttl=0");
            lines.add("neg-ttl=0");
            lines.add("cache-size=0");
            // Keep the caller's identity: as root dnsmasq would otherwise become nobody, who may
            // not reach the pid and log files below a private checkout.
            lines.add("user=" + System.getProperty("user.name"));
            lines.add("pid-file=" + dir.resolve("dnsmasq.pid"));
            lines.add("log-queries");
            lines.add("log-facility=" + log);
            Set<String> local = new LinkedHashSet<>(zones);
            for (String option : options) {
                String owner = option.substring(option.indexOf('=') + 1).split(",", 2)[0];
                local.add(owner.substring(owner.lastIndexOf('.') + 1));
            }
            local.forEach(zone -> lines.add("local=/" + zone + "/"));
            lines.addAll(options);
            Files.write(conf, lines, StandardCharsets.UTF_8);
            List<String> command =
                    List.of(executable(), "--keep-in-foreground", "--conf-file=" + conf);
            Process process =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .start();
            Dnsmasq dnsmasq = new Dnsmasq(process, address, log);
            try {
                dnsmasq.awaitAnswering();
            } catch (IOException | RuntimeException | InterruptedException e) {
                dnsmasq.close();
                throw e;
            }
            return dnsmasq;
        }

        private static String name(String name) {
            String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            if (n.isEmpty() || n.contains(",") || n.contains("/") || n.contains("\n")) {
                throw new IllegalArgumentException("not a DNS name for dnsmasq: " + name);
            }
            return n.toLowerCase(Locale.ROOT);
        }

        /** A dnsmasq configuration file's quoted string: backslash and quote escaped. */
        private static String quoted(String text) {
            if (text.contains("\n") || text.contains("\r")) {
                throw new IllegalArgumentException("line break in TXT text");
            }
            return text.replace("\\", "\\\\").replace("\"", "\\\"");
        }
    }

    /**
     * The resolver address the gateway under test was started with: its own setting inside the
     * server ({@code FILTERMX_DNS}), {@code FILTERMX_IT_DNS} outside.
     */
    static InetSocketAddress resolverAddress() throws IOException {
        String setting =
                System.getProperty(
                        "FILTERMX_DNS",
                        System.getenv().getOrDefault("FILTERMX_IT_DNS", "127.0.0.1:15353"));
        int colon = setting.lastIndexOf(':');
        return new InetSocketAddress(
                InetAddress.getByName(setting.substring(0, colon)),
                Integer.parseInt(setting.substring(colon + 1)));
    }

    private static Path itDirectory() {
        String dir =
                System.getProperty(
                        "filtermx.it.dir",
                        System.getenv().getOrDefault("FILTERMX_IT_DIR", "target"));
        return Path.of(dir).toAbsolutePath();
    }

    /** Asks for the root's SOA until dnsmasq answers anything (REFUSED counts: it is up). */
    private void awaitAnswering() throws IOException, InterruptedException {
        // RFC 1035 section 4.1: header (id 0x4d58, RD set, one question), root name, SOA, IN.
        byte[] query = {0x4d, 0x58, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 1};
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(200);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "dnsmasq exited with "
                                    + process.exitValue()
                                    + ": "
                                    + Files.readString(log, StandardCharsets.UTF_8));
                }
                socket.send(new DatagramPacket(query, query.length, address));
                DatagramPacket answer = new DatagramPacket(new byte[512], 512);
                try {
                    socket.receive(answer);
                    return;
                } catch (SocketTimeoutException notYet) {
                    // not listening yet
                } catch (IOException refused) {
                    Thread.sleep(100);
                }
            }
        }
        throw new IllegalStateException("dnsmasq did not answer on " + address + "; see " + log);
    }

    /** Stops dnsmasq and waits until its port can be bound again. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (DatagramSocket probe = new DatagramSocket(address)) {
                return;
            } catch (SocketException stillBound) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("port " + address + " still bound", stillBound);
                }
                Thread.sleep(100);
            }
        }
    }

    /** dnsmasq from the PATH, or from where Debian puts it (not on a normal user's PATH). */
    private static String executable() {
        List<String> places = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty()) {
                places.add(entry);
            }
        }
        places.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
        for (String place : places) {
            Path candidate = Path.of(place, "dnsmasq");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(
                "dnsmasq not found (Debian package dnsmasq-base; scripts/install-test-deps.sh)");
    }
}
