package org.filtermx.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A DNS responder on the port the gateway under test uses as its resolver ({@code FILTERMX_IT_DNS},
 * where otherwise nothing answers), for as long as one test needs it: TXT records it was given are
 * answered, other types of those names get an empty answer, and every other name gets REFUSED,
 * which the gateway treats like the usual silence (a temporary failure), or NXDOMAIN after {@link
 * #unknownNamesDoNotExist()}. Records carry TTL 0.
 */
final class DnsResponder implements AutoCloseable {

    /** The resolver address the gateway was started with, {@code host:port}. */
    static final String ADDRESS =
            System.getenv().getOrDefault("FILTERMX_IT_DNS", "127.0.0.1:15353");

    private final DatagramSocket socket;
    private final Map<Name, List<String>> txt = new ConcurrentHashMap<>();
    private volatile int unknownName = Rcode.REFUSED;

    private DnsResponder(DatagramSocket socket) {
        this.socket = socket;
        Thread thread = new Thread(this::serve, "it-dns-responder");
        thread.setDaemon(true);
        thread.start();
    }

    static DnsResponder start() throws SocketException {
        int colon = ADDRESS.lastIndexOf(':');
        InetAddress host;
        try {
            host = InetAddress.getByName(ADDRESS.substring(0, colon));
        } catch (IOException e) {
            throw new IllegalStateException("bad FILTERMX_IT_DNS " + ADDRESS, e);
        }
        return new DnsResponder(
                new DatagramSocket(Integer.parseInt(ADDRESS.substring(colon + 1)), host));
    }

    /** Answers TXT questions for {@code name} with these texts (replacing earlier ones). */
    DnsResponder txt(String name, String... texts) {
        txt.put(name(name), List.of(texts));
        return this;
    }

    /** Answers names it has no records for with NXDOMAIN, as DMARC's and SPF's lookups need. */
    DnsResponder unknownNamesDoNotExist() {
        unknownName = Rcode.NXDOMAIN;
        return this;
    }

    @Override
    public void close() {
        socket.close();
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] response =
                        answer(new Message(Arrays.copyOf(packet.getData(), packet.getLength())));
                socket.send(
                        new DatagramPacket(response, response.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a packet that is no DNS message: nothing to answer
            }
        }
    }

    private byte[] answer(Message query) {
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RD);
        response.getHeader().setFlag(Flags.RA);
        response.addRecord(question, Section.QUESTION);
        List<String> texts = txt.get(question.getName());
        if (texts == null) {
            response.getHeader().setRcode(unknownName);
        } else if (question.getType() == Type.TXT) {
            for (String text : texts) {
                response.addRecord(
                        new TXTRecord(question.getName(), DClass.IN, 0, text), Section.ANSWER);
            }
        }
        return response.toWire();
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (IOException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
