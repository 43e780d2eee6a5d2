package org.filtermx.infrastructure.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The unit tests' DNS: a UDP responder on loopback answering from a map (records by name and type,
 * a response code by name, or silence) and logging the questions asked, so {@link DnsClient} and
 * everything built on it (MX lookup, domain verification, SPF, DKIM, DMARC, DNS lists) can be
 * tested without the network.
 */
public final class LoopbackDnsServer implements AutoCloseable {

    /** A response code that makes the server not answer at all. */
    public static final int SILENT = -1;

    private static final int TXT_STRING_LIMIT = 255;

    private final DatagramSocket socket;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final Map<Name, Integer> rcodes = new ConcurrentHashMap<>();
    private final List<String> questions = new CopyOnWriteArrayList<>();
    private final Set<Name> authenticated = ConcurrentHashMap.newKeySet();
    private final List<Boolean> adInQueries = new CopyOnWriteArrayList<>();

    public LoopbackDnsServer() {
        try {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread thread = new Thread(this::serve, "loopback-dns-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** The address to configure a client with, as {@code FILTERMX_DNS} would give it. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** A client of this server with a cache of its own and the given per-query timeout. */
    public DnsClient lookup(Duration queryTimeout) {
        return new DnsClient(address(), queryTimeout);
    }

    public DnsClient lookup() {
        return lookup(Duration.ofMillis(500));
    }

    /** A TXT record, split into character-strings of at most 255 octets. */
    public LoopbackDnsServer txt(String name, String text) {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < text.length(); i += TXT_STRING_LIMIT) {
            strings.add(text.substring(i, Math.min(text.length(), i + TXT_STRING_LIMIT)));
        }
        return add(new TXTRecord(name(name), DClass.IN, 60, strings));
    }

    public LoopbackDnsServer a(String name, String address) {
        return add(new ARecord(name(name), DClass.IN, 60, address(address)));
    }

    public LoopbackDnsServer aaaa(String name, String address) {
        return add(new AAAARecord(name(name), DClass.IN, 60, address(address)));
    }

    public LoopbackDnsServer mx(String name, int preference, String host) {
        return add(new MXRecord(name(name), DClass.IN, 60, preference, name(host)));
    }

    public LoopbackDnsServer ptr(String address, String host) {
        return add(
                new PTRRecord(ReverseMap.fromAddress(address(address)), DClass.IN, 60, name(host)));
    }

    public LoopbackDnsServer nxdomain(String name) {
        rcodes.put(name(name), Rcode.NXDOMAIN);
        return this;
    }

    public LoopbackDnsServer servfail(String name) {
        rcodes.put(name(name), Rcode.SERVFAIL);
        return this;
    }

    /** Never answers queries for {@code name}, as a dead name server would. */
    public LoopbackDnsServer silent(String name) {
        rcodes.put(name(name), SILENT);
        return this;
    }

    /**
     * Answers questions for {@code name} with the AD bit set, as a validating resolver does for
     * DNSSEC-secure data and denials (RFC 4035 section 3.2.3).
     */
    public LoopbackDnsServer authenticated(String name) {
        authenticated.add(name(name));
        return this;
    }

    /** Answers questions for {@code question} with {@code record}, whatever its owner (a CNAME). */
    public LoopbackDnsServer addAs(String question, Record record) {
        records.computeIfAbsent(key(name(question), record.getType()), k -> new ArrayList<>())
                .add(record);
        return this;
    }

    /** For each query received so far, whether it had the AD bit set (RFC 6840 section 5.7). */
    public List<Boolean> adInQueries() {
        return List.copyOf(adInQueries);
    }

    /** The questions received so far, as {@code name TYPE} without the trailing dot. */
    public List<String> questions() {
        return List.copyOf(questions);
    }

    @Override
    public void close() {
        socket.close();
    }

    /**
     * Answers every query for {@code name} with {@code rcode}, or not at all for {@link #SILENT}.
     */
    public LoopbackDnsServer respond(Name name, int rcode) {
        rcodes.put(name, rcode);
        return this;
    }

    /** Any record, answered to questions for its name and type. */
    public LoopbackDnsServer add(Record record) {
        records.computeIfAbsent(key(record.getName(), record.getType()), k -> new ArrayList<>())
                .add(record);
        return this;
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] response = answer(query);
                if (response != null) {
                    socket.send(
                            new DatagramPacket(
                                    response, response.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                // Socket closed or a bad packet; the test decides what matters.
            }
        }
    }

    private byte[] answer(Message query) {
        Record question = query.getQuestion();
        questions.add(question.getName().toString(true) + " " + Type.string(question.getType()));
        adInQueries.add(query.getHeader().getFlag(Flags.AD));
        int rcode = rcodes.getOrDefault(question.getName(), Rcode.NOERROR);
        if (rcode == SILENT) {
            return null;
        }
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RD);
        response.getHeader().setFlag(Flags.RA);
        response.getHeader().setRcode(rcode);
        if (authenticated.contains(question.getName())) {
            response.getHeader().setFlag(Flags.AD);
        }
        response.addRecord(question, Section.QUESTION);
        if (rcode == Rcode.NOERROR) {
            records.getOrDefault(key(question.getName(), question.getType()), List.of())
                    .forEach(r -> response.addRecord(r, Section.ANSWER));
        }
        return response.toWire();
    }

    private static String key(Name name, int type) {
        return name.toString().toLowerCase(Locale.ROOT) + "/" + Type.string(type);
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
