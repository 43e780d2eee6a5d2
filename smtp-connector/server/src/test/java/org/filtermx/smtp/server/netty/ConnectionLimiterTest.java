package org.filtermx.smtp.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-address limit with clients this machine cannot open real connections from: several
 * addresses of one IPv6 /64, of neighbouring /64s, and IPv4 addresses.
 */
class ConnectionLimiterTest {

    private static final String FROM_IP = "421 too many from this address";
    private static final String TOTAL = "421 too many in all";

    private final ConnectionLimiter limiter = new ConnectionLimiter(10, 1000, FROM_IP, TOTAL);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @Test
    void tenAddressesOfOneSlash64FillItsLimit() throws Exception {
        for (int i = 1; i <= 10; i++) {
            assertThat(connect("2001:db8:0:7::" + Integer.toHexString(i))).isNull();
        }
        assertThat(connect("2001:db8:0:7:ffff:ffff:ffff:ffff")).isEqualTo(FROM_IP);
        assertThat(connect("2001:db8:0:7:1234::1")).isEqualTo(FROM_IP);
        // The neighbouring /64s and IPv4 clients are not affected.
        assertThat(connect("2001:db8:0:6::1")).isNull();
        assertThat(connect("2001:db8:0:8::1")).isNull();
        assertThat(connect("192.0.2.1")).isNull();
    }

    @Test
    void ipv4ClientsCountOneByOne() throws Exception {
        for (int i = 1; i <= 10; i++) {
            assertThat(connect("192.0.2." + i)).isNull();
        }
        assertThat(connect("192.0.2.11")).isNull();
        for (int i = 1; i < 10; i++) {
            assertThat(connect("192.0.2.1")).isNull();
        }
        assertThat(connect("192.0.2.1")).isEqualTo(FROM_IP);
    }

    @Test
    void aClosedSessionFreesTheSlotOfItsSlash64() throws Exception {
        for (int i = 1; i <= 10; i++) {
            assertThat(connect("2001:db8::" + i)).isNull();
        }
        assertThat(connect("2001:db8::99")).isEqualTo(FROM_IP);
        channels.get(0).close();
        assertThat(connect("2001:db8::99")).isNull();
    }

    /** The handler's reply to a new connection from {@code address}: null when it is let in. */
    private String connect(String address) throws Exception {
        EmbeddedChannel channel = new FromAddress(InetAddress.getByName(address));
        channel.pipeline().addLast(limiter);
        channel.register();
        channels.add(channel);
        ByteBuf written = channel.readOutbound();
        if (written == null) {
            return null;
        }
        try {
            return written.toString(StandardCharsets.US_ASCII).strip();
        } finally {
            written.release();
        }
    }

    /** An embedded channel whose peer is a given address. */
    private static final class FromAddress extends EmbeddedChannel {
        private final InetSocketAddress remote;

        FromAddress(InetAddress address) {
            super(false, false);
            remote = new InetSocketAddress(address, 40000);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }
    }
}
