package org.filtermx.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A DNSSEC world for one test: Debian's NSD serves the test's zones (signed with a fresh key by
 * {@code ldns-signzone}, left unsigned, or signed with broken signatures) on a free loopback port,
 * and a validating Unbound answers on the resolver address the gateway under test uses ({@code
 * FILTERMX_IT_DNS}, as {@link Dnsmasq}) with each signed zone's key as its trust anchor. So the
 * gateway sees what it would behind a real validating resolver: the AD bit for signed data and
 * signed denials (NSEC), no AD for the unsigned zones, and SERVFAIL for the bogus ones (RFC 4035
 * section 5.5). Needs nothing but the JDK and the Debian packages {@code nsd}, {@code unbound} and
 * {@code ldnsutils} (scripts/install-test-deps.sh), so in-container tests can start it too.
 *
 * <p>Built with {@link #builder()}: declare the zones ({@link Builder#signed}, {@link
 * Builder#unsigned}, {@link Builder#bogus}), then A/AAAA, MX, TXT, TLSA and CNAME records, each put
 * in the longest declared zone that holds its name; TTL 1. Names of a zone without records get
 * NXDOMAIN (signed: with NSEC proof); names outside every zone get REFUSED, and nothing is ever
 * forwarded or asked of the internet. Both servers run in the foreground as the test JVM's
 * children, as its user (as root they keep root: no user switch, no chroot), with their files and
 * logs in a directory of their own below the IT directory. {@link #close()} stops both and waits
 * until the resolver port is free again. New records: close and start another one.
 */
public final class DnssecZone implements AutoCloseable {

    /** How a zone is published. */
    public enum Mode {
        /** Signed with a fresh ECDSA P-256 key, its DS the resolver's trust anchor: secure. */
        SIGNED,
        /** Not signed and no trust anchor: the resolver answers without AD (insecure). */
        UNSIGNED,
        /**
         * Signed and anchored, but every signature except the DNSKEY RRset's broken: the resolver
         * finds the data bogus and answers SERVFAIL.
         */
        BOGUS
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final int TTL = 1;
    private static final int TXT_STRING_LIMIT = 255;

    private final Path directory;
    private final InetSocketAddress resolver;
    private final InetSocketAddress authoritative;
    private final List<Process> processes = new ArrayList<>();

    private DnssecZone(
            Path directory, InetSocketAddress resolver, InetSocketAddress authoritative) {
        this.directory = directory;
        this.resolver = resolver;
        this.authoritative = authoritative;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The validating resolver's address: the gateway's {@code FILTERMX_DNS}. */
    public InetSocketAddress resolver() {
        return resolver;
    }

    /** Where NSD answers authoritatively (a free loopback port). */
    public InetSocketAddress authoritative() {
        return authoritative;
    }

    /** The zone files, keys, configurations and logs of this run. */
    public Path directory() {
        return directory;
    }

    /** The zones and records to publish; {@link #start()} signs and serves them. */
    public static final class Builder {

        private final Map<String, Mode> zones = new LinkedHashMap<>();
        private final List<String[]> records = new ArrayList<>();

        private Builder() {}

        /** A zone signed with a fresh key whose DS is the resolver's trust anchor. */
        public Builder signed(String zone) {
            return zone(zone, Mode.SIGNED);
        }

        /** A zone without signatures or trust anchor: answers are insecure. */
        public Builder unsigned(String zone) {
            return zone(zone, Mode.UNSIGNED);
        }

        /** A signed, anchored zone whose data signatures are broken: lookups fail (SERVFAIL). */
        public Builder bogus(String zone) {
            return zone(zone, Mode.BOGUS);
        }

        public Builder zone(String zone, Mode mode) {
            zones.put(name(zone), mode);
            return this;
        }

        /** A and/or AAAA records of {@code host} (IPv4 and IPv6 literals, in any mix). */
        public Builder address(String host, String... addresses) {
            for (String address : addresses) {
                InetAddress parsed = literal(address);
                records.add(
                        new String[] {
                            name(host),
                            parsed.getAddress().length == 4 ? "A" : "AAAA",
                            parsed.getHostAddress()
                        });
            }
            return this;
        }

        /** An MX record: {@code domain} is served by {@code host} with this preference. */
        public Builder mx(String domain, String host, int preference) {
            records.add(new String[] {name(domain), "MX", preference + " " + name(host) + "."});
            return this;
        }

        /** A TXT record, cut into character-strings of at most 255 octets. */
        public Builder txt(String owner, String text) {
            if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)
                    || text.contains("\n")
                    || text.contains("\r")) {
                throw new IllegalArgumentException("TXT text must be one line of ASCII: " + text);
            }
            StringBuilder data = new StringBuilder();
            int from = 0;
            do {
                int to = Math.min(text.length(), from + TXT_STRING_LIMIT);
                String part = text.substring(from, to).replace("\\", "\\\\").replace("\"", "\\\"");
                data.append(data.length() == 0 ? "" : " ").append('"').append(part).append('"');
                from = to;
            } while (from < text.length());
            records.add(new String[] {name(owner), "TXT", data.toString()});
            return this;
        }

        /**
         * A TLSA record at {@code _<port>._tcp.<host>} (RFC 6698 section 2.2): usage, selector,
         * matching type and the association data.
         */
        public Builder tlsa(
                String host, int port, int usage, int selector, int matchingType, byte[] data) {
            if (data.length == 0) {
                throw new IllegalArgumentException("TLSA data must not be empty");
            }
            records.add(
                    new String[] {
                        "_" + port + "._tcp." + name(host),
                        "TLSA",
                        usage
                                + " "
                                + selector
                                + " "
                                + matchingType
                                + " "
                                + HexFormat.of().formatHex(data)
                    });
            return this;
        }

        /**
         * A TLSA record for {@code certificate}: its DER (selector 0) or its public key's
         * SubjectPublicKeyInfo (selector 1), in full (matching type 0) or as SHA-256 (1) or SHA-512
         * (2) digest, e.g. {@code tlsa(host, 25, 3, 1, 1, serverCertificate)} for DANE-EE or {@code
         * tlsa(host, 25, 2, 0, 1, caCertificate)} for DANE-TA.
         */
        public Builder tlsa(
                String host,
                int port,
                int usage,
                int selector,
                int matchingType,
                X509Certificate certificate) {
            try {
                byte[] selected =
                        selector == 0
                                ? certificate.getEncoded()
                                : certificate.getPublicKey().getEncoded();
                byte[] data =
                        switch (matchingType) {
                            case 0 -> selected;
                            case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
                            case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
                            default ->
                                    throw new IllegalArgumentException(
                                            "matching type 0, 1 or 2, not " + matchingType);
                        };
                return tlsa(host, port, usage, selector, matchingType, data);
            } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
                throw new IllegalArgumentException("cannot encode the certificate", e);
            }
        }

        /** A CNAME: {@code alias} stands for {@code target}. */
        public Builder cname(String alias, String target) {
            records.add(new String[] {name(alias), "CNAME", name(target) + "."});
            return this;
        }

        /**
         * Writes and signs the zones, starts NSD and the validating Unbound on the gateway's
         * resolver address, and waits until both answer.
         */
        public DnssecZone start() throws IOException, InterruptedException {
            if (zones.isEmpty()) {
                throw new IllegalStateException("declare at least one zone");
            }
            Map<String, List<String>> lines = new LinkedHashMap<>();
            zones.keySet().forEach(zone -> lines.put(zone, new ArrayList<>()));
            for (String[] record : records) {
                lines.get(zoneOf(record[0]))
                        .add(record[0] + ". " + TTL + " IN " + record[1] + " " + record[2]);
            }
            Path directory =
                    itDirectory().resolve("dnssec-" + UUID.randomUUID().toString().substring(0, 8));
            Files.createDirectories(directory);
            InetSocketAddress resolver = Dnsmasq.resolverAddress();
            InetSocketAddress authoritative =
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort());
            DnssecZone started = new DnssecZone(directory, resolver, authoritative);
            try {
                List<String> anchors = new ArrayList<>();
                for (Map.Entry<String, Mode> zone : zones.entrySet()) {
                    String anchor = writeZone(directory, zone.getKey(), zone.getValue(), lines);
                    if (anchor != null) {
                        anchors.add(anchor);
                    }
                }
                String firstZone = zones.keySet().iterator().next();
                started.launch(
                        List.of(executable("nsd"), "-d", "-c", nsdConf(directory, authoritative)),
                        "nsd.out");
                started.awaitAnswer(authoritative, firstZone, "nsd");
                started.launch(
                        List.of(
                                executable("unbound"),
                                "-d",
                                "-c",
                                unboundConf(directory, resolver, authoritative, anchors)),
                        "unbound.log");
                started.awaitAnswer(resolver, firstZone, "unbound");
            } catch (IOException | RuntimeException | InterruptedException e) {
                started.close();
                throw e;
            }
            return started;
        }

        /** The zone's file (signed unless unsigned); returns its trust anchor, if any. */
        private String writeZone(Path dir, String zone, Mode mode, Map<String, List<String>> lines)
                throws IOException, InterruptedException {
            List<String> file = new ArrayList<>();
            file.add("$TTL " + TTL);
            file.add(
                    zone
                            + ". IN SOA ns."
                            + zone
                            + ". hostmaster."
                            + zone
                            + ". 1 3600 600 86400 "
                            + TTL);
            file.add(zone + ". IN NS ns." + zone + ".");
            file.add("ns." + zone + ". IN A 127.0.0.1");
            file.addAll(lines.get(zone));
            Path zoneFile = dir.resolve(zone + ".zone");
            Files.write(zoneFile, file, StandardCharsets.UTF_8);
            if (mode == Mode.UNSIGNED) {
                Files.copy(zoneFile, dir.resolve(zone + ".served"));
                return null;
            }
            String key =
                    run(dir, executable("ldns-keygen"), "-a", "ECDSAP256SHA256", "-k", zone)
                            .strip();
            DateTimeFormatter day = DateTimeFormatter.BASIC_ISO_DATE;
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            run(
                    dir,
                    executable("ldns-signzone"),
                    "-i",
                    today.minusDays(2).format(day),
                    "-e",
                    today.plusDays(30).format(day),
                    "-f",
                    dir.resolve(zone + ".signed").toString(),
                    zoneFile.toString(),
                    key);
            List<String> signed = Files.readAllLines(dir.resolve(zone + ".signed"));
            Files.write(
                    dir.resolve(zone + ".served"),
                    mode == Mode.BOGUS ? brokenSignatures(signed) : signed,
                    StandardCharsets.UTF_8);
            String ds = Files.readString(dir.resolve(key + ".ds"), StandardCharsets.UTF_8);
            return String.join(" ", ds.strip().split("\\s+"));
        }

        /** Every RRSIG but the DNSKEY RRset's with its signature's first character changed. */
        private static List<String> brokenSignatures(List<String> signed) {
            List<String> broken = new ArrayList<>();
            for (String line : signed) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length > 5 && fields[3].equals("RRSIG") && !fields[4].equals("DNSKEY")) {
                    int at = line.lastIndexOf(fields[fields.length - 1]);
                    char first = line.charAt(at);
                    line =
                            line.substring(0, at)
                                    + (first == 'A' ? 'B' : 'A')
                                    + line.substring(at + 1);
                }
                broken.add(line);
            }
            return broken;
        }

        private String nsdConf(Path dir, InetSocketAddress at) throws IOException {
            List<String> conf = new ArrayList<>();
            conf.add("server:");
            conf.add("  ip-address: " + at.getAddress().getHostAddress() + "@" + at.getPort());
            conf.add("  port: " + at.getPort());
            // Stay the user who started it (root stays root): no user switch, no chroot.
            conf.add("  username: \"\"");
            conf.add("  chroot: \"\"");
            conf.add("  zonesdir: \"" + dir + "\"");
            conf.add("  database: \"\"");
            conf.add("  zonelistfile: \"" + dir.resolve("zone.list") + "\"");
            conf.add("  xfrdfile: \"" + dir.resolve("xfrd.state") + "\"");
            conf.add("  xfrdir: \"" + dir + "\"");
            conf.add("  pidfile: \"" + dir.resolve("nsd.pid") + "\"");
            conf.add("  logfile: \"" + dir.resolve("nsd.log") + "\"");
            conf.add("  server-count: 1");
            conf.add("  do-ip6: no");
            conf.add("  hide-version: yes");
            conf.add("remote-control:");
            conf.add("  control-enable: no");
            for (String zone : zones.keySet()) {
                conf.add("zone:");
                conf.add("  name: \"" + zone + "\"");
                conf.add("  zonefile: \"" + dir.resolve(zone + ".served") + "\"");
            }
            Path file = dir.resolve("nsd.conf");
            Files.write(file, conf, StandardCharsets.UTF_8);
            return file.toString();
        }

        private String unboundConf(
                Path dir, InetSocketAddress at, InetSocketAddress nsd, List<String> anchors)
                throws IOException {
            String host = at.getAddress().getHostAddress();
            List<String> conf = new ArrayList<>();
            conf.add("server:");
            conf.add("  interface: " + host + "@" + at.getPort());
            conf.add("  port: " + at.getPort());
            conf.add("  do-ip6: " + (at.getAddress().getAddress().length == 16 ? "yes" : "no"));
            conf.add("  do-daemonize: no");
            conf.add("  use-syslog: no");
            conf.add("  logfile: \"\"");
            conf.add("  verbosity: 1");
            // Say why an answer is bogus, for the test that wonders.
            conf.add("  val-log-level: 2");
            conf.add("  log-servfail: yes");
            conf.add("  username: \"\"");
            conf.add("  chroot: \"\"");
            conf.add("  directory: \"" + dir + "\"");
            conf.add("  pidfile: \"" + dir.resolve("unbound.pid") + "\"");
            conf.add("  num-threads: 1");
            conf.add("  so-reuseport: no");
            conf.add("  outgoing-range: 64");
            conf.add("  msg-cache-size: 1m");
            conf.add("  rrset-cache-size: 1m");
            conf.add("  key-cache-size: 1m");
            conf.add("  do-not-query-localhost: no");
            conf.add("  qname-minimisation: no");
            conf.add("  module-config: \"validator iterator\"");
            conf.add("  access-control: 127.0.0.0/8 allow");
            conf.add("  access-control: ::1 allow");
            for (String anchor : anchors) {
                conf.add("  trust-anchor: \"" + anchor + "\"");
            }
            // Nothing outside the test's zones is resolved: no root priming, no internet.
            conf.add("  local-zone: \".\" refuse");
            for (String zone : zones.keySet()) {
                conf.add("  local-zone: \"" + zone + ".\" transparent");
            }
            for (String zone : zones.keySet()) {
                conf.add("stub-zone:");
                conf.add("  name: \"" + zone + ".\"");
                conf.add("  stub-addr: " + nsd.getAddress().getHostAddress() + "@" + nsd.getPort());
            }
            conf.add("remote-control:");
            conf.add("  control-enable: no");
            Path file = dir.resolve("unbound.conf");
            Files.write(file, conf, StandardCharsets.UTF_8);
            return file.toString();
        }

        private String zoneOf(String owner) {
            String best = null;
            for (String zone : zones.keySet()) {
                if ((owner.equals(zone) || owner.endsWith("." + zone))
                        && (best == null || zone.length() > best.length())) {
                    best = zone;
                }
            }
            if (best == null) {
                throw new IllegalArgumentException("no declared zone holds " + owner);
            }
            return best;
        }

        private static String name(String name) {
            String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            if (n.isEmpty()) {
                throw new IllegalArgumentException("empty DNS name");
            }
            for (int i = 0; i < n.length(); i++) {
                char c = n.charAt(i);
                boolean ok =
                        c >= 'a' && c <= 'z'
                                || c >= 'A' && c <= 'Z'
                                || c >= '0' && c <= '9'
                                || c == '-'
                                || c == '.'
                                || c == '_'
                                || c == '*';
                if (!ok) {
                    throw new IllegalArgumentException("not a plain DNS name: " + name);
                }
            }
            return n.toLowerCase(Locale.ROOT);
        }

        private static InetAddress literal(String address) {
            boolean literal = address.indexOf(':') >= 0;
            for (int i = 0; !literal && i < address.length(); i++) {
                char c = address.charAt(i);
                if (!(c >= '0' && c <= '9' || c == '.')) {
                    throw new IllegalArgumentException("not an address literal: " + address);
                }
            }
            try {
                return InetAddress.getByName(address);
            } catch (IOException e) {
                throw new IllegalArgumentException("not an address literal: " + address, e);
            }
        }
    }

    private void launch(List<String> command, String logName) throws IOException {
        Path log = directory.resolve(logName);
        processes.add(
                new ProcessBuilder(command)
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start());
    }

    /** Asks {@code server} for the zone's SOA until it answers anything. */
    private void awaitAnswer(InetSocketAddress server, String zone, String what)
            throws IOException, InterruptedException {
        byte[] query = soaQuery(zone);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Process process = processes.get(processes.size() - 1);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(300);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            what + " exited with " + process.exitValue() + "; see " + directory);
                }
                socket.send(new DatagramPacket(query, query.length, server));
                DatagramPacket answer = new DatagramPacket(new byte[1500], 1500);
                try {
                    socket.receive(answer);
                    return;
                } catch (SocketTimeoutException notYet) {
                    // not listening yet, or still asking NSD
                } catch (IOException refused) {
                    Thread.sleep(100);
                }
            }
        }
        throw new IllegalStateException(
                what + " did not answer on " + server + "; see " + directory);
    }

    /** RFC 1035 section 4.1: header (RD set, one question), the zone's name, SOA, IN. */
    private static byte[] soaQuery(String zone) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x44, 0x5a, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : zone.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        out.writeBytes(new byte[] {0, 0, 6, 0, 1});
        return out.toByteArray();
    }

    /** Stops Unbound and NSD and waits until the resolver port can be bound again. */
    @Override
    public void close() throws IOException, InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        processes.clear();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (DatagramSocket probe = new DatagramSocket(resolver)) {
                return;
            } catch (SocketException stillBound) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "port " + resolver + " still bound", stillBound);
                }
                Thread.sleep(100);
            }
        }
    }

    /** A loopback port free for both UDP and TCP right now. */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp =
                        new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free loopback port for NSD");
    }

    /** Runs a tool in {@code dir} and returns its standard output, failing on a non-zero exit. */
    private static String run(Path dir, String... command)
            throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectError(
                                ProcessBuilder.Redirect.appendTo(dir.resolve("tools.log").toFile()))
                        .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    String.join(" ", command) + " failed; see " + dir.resolve("tools.log"));
        }
        return out;
    }

    private static Path itDirectory() {
        String dir =
                System.getProperty(
                        "filtermx.it.dir",
                        System.getenv().getOrDefault("FILTERMX_IT_DIR", "target"));
        return Path.of(dir).toAbsolutePath();
    }

    /** A tool from the PATH, or from where Debian puts it (sbin is not on a normal user's PATH). */
    private static String executable(String name) {
        List<String> places = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty()) {
                places.add(entry);
            }
        }
        places.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin"));
        for (String place : places) {
            Path candidate = Path.of(place, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(
                name
                        + " not found (Debian packages nsd, unbound, ldnsutils;"
                        + " scripts/install-test-deps.sh)");
    }
}
