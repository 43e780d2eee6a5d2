package org.filtermx.infrastructure.dns;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A UDP DNS responder on loopback that answers from a map: records by name and type, a response
 * code by name, or silence, so the resolver's behaviour can be tested without the network.
 */
final class LoopbackDnsServer implements AutoCloseable {

    /** A response code that makes the server not answer at all. */
    static final int SILENT = -1;

    private final DatagramSocket socket;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final Map<Name, Integer> rcodes = new ConcurrentHashMap<>();

    LoopbackDnsServer() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "loopback-dns-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** The address to give {@link MxResolver}. */
    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    LoopbackDnsServer add(Record record) {
        records.computeIfAbsent(key(record.getName(), record.getType()), k -> new ArrayList<>())
                .add(record);
        return this;
    }

    /**
     * Answers every query for {@code name} with {@code rcode}, or not at all for {@link #SILENT}.
     */
    LoopbackDnsServer respond(Name name, int rcode) {
        rcodes.put(name, rcode);
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
                Message query =
                        new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
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
        int rcode = rcodes.getOrDefault(question.getName(), Rcode.NOERROR);
        if (rcode == SILENT) {
            return null;
        }
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RD);
        response.getHeader().setFlag(Flags.RA);
        response.getHeader().setRcode(rcode);
        response.addRecord(question, Section.QUESTION);
        if (rcode == Rcode.NOERROR) {
            records.getOrDefault(key(question.getName(), question.getType()), List.of())
                    .forEach(r -> response.addRecord(r, Section.ANSWER));
        }
        return response.toWire();
    }

    private static String key(Name name, int type) {
        return name + "/" + Type.string(type);
    }
}
