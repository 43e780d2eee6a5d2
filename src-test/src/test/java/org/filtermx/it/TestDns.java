package org.filtermx.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNS server the gateway under test asks ({@code FILTERMX_DNS}, set from {@code
 * FILTERMX_IT_DNS}): a UDP responder on that port answering TXT records from a map and NXDOMAIN
 * for everything else, for as long as a test class holds it open. Outside such a class nothing
 * answers there, as the other tests expect.
 */
final class TestDns implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();

    private TestDns(DatagramSocket socket) {
        this.socket = socket;
        Thread thread = new Thread(this::serve, "it-dns");
        thread.setDaemon(true);
        thread.start();
    }

    static TestDns start() {
        String address = System.getenv().getOrDefault("FILTERMX_IT_DNS", "127.0.0.1:15353");
        int colon = address.lastIndexOf(':');
        try {
            return new TestDns(new DatagramSocket(Integer.parseInt(address.substring(colon + 1)),
                    InetAddress.getByName(address.substring(0, colon))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve DNS at " + address, e);
        }
    }

    TestDns txt(String name, String text) {
        txt.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(text);
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
                byte[] response = answer(new Message(Arrays.copyOf(packet.getData(), packet.getLength())));
                socket.send(new DatagramPacket(response, response.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // Closed, or a packet that is no DNS query.
            }
        }
    }

    private byte[] answer(Message query) throws TextParseException {
        Record question = query.getQuestion();
        String name = question.getName().toString(true).toLowerCase(Locale.ROOT);
        List<String> texts = txt.getOrDefault(name, List.of());
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RD);
        response.getHeader().setFlag(Flags.RA);
        response.addRecord(question, Section.QUESTION);
        if (texts.isEmpty()) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else if (question.getType() == Type.TXT) {
            Name owner = Name.fromString(name, Name.root);
            for (String text : texts) {
                response.addRecord(new TXTRecord(owner, DClass.IN, 60, text), Section.ANSWER);
            }
        }
        return response.toWire();
    }
}
