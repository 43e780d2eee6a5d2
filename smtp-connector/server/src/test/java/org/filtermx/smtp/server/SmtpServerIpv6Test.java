package org.filtermx.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.filtermx.smtp.server.RecordingListener.Delivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener on IPv6 loopback and on the dual-stack wildcard {@code ::}, with real sockets: the
 * client address the application sees, and the per-address limit for an IPv6 client.
 */
class SmtpServerIpv6Test {

    private static final String TOO_MANY_FROM_IP =
            "421 Too many concurrent SMTP connections from this IP address; please try again later.";

    @TempDir Path directory;

    @Test
    void servesAnIpv6ClientOnIpv6LoopbackAndReportsItsAddressInCanonicalForm() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(directory, b -> b.bindAddress("::1"))) {
            assertThat(fixture.address.getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
            sendOneMessage(new InetSocketAddress("::1", fixture.address.getPort()));
            Delivery delivery = fixture.listener.deliveries.get(0);
            assertThat(delivery.session().clientAddress()).isEqualTo("::1");
        }
    }

    @Test
    void acceptsABracketedIpv6BindAddress() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(directory, b -> b.bindAddress("[::1]"))) {
            try (SmtpTestClient client =
                    new SmtpTestClient(new InetSocketAddress("::1", fixture.address.getPort()))) {
                assertThat(client.reply()).startsWith("220 ");
            }
        }
    }

    /**
     * {@code ::} is every address of both families: an IPv4 client is reported as IPv4 (not as
     * {@code ::ffff:127.0.0.1}), an IPv6 client as IPv6.
     */
    @Test
    void theDualStackWildcardServesIpv4AndIpv6Clients() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(directory, b -> b.bindAddress("::"))) {
            int port = fixture.address.getPort();
            sendOneMessage(new InetSocketAddress("127.0.0.1", port));
            sendOneMessage(new InetSocketAddress("::1", port));
            assertThat(fixture.listener.deliveries)
                    .extracting(d -> d.session().clientAddress())
                    .containsExactly("127.0.0.1", "::1");
        }
    }

    /**
     * The limit counts per address for IPv4 and per /64 for IPv6: ten sessions from ::1 fill its
     * /64, the eleventh is refused, while 127.0.0.1 on the same dual-stack listener still gets in.
     */
    @Test
    void refusesTheEleventhConnectionFromOneIpv6NetworkButNotAnIpv4Client() throws Exception {
        List<SmtpTestClient> open = new ArrayList<>();
        try (ServerFixture fixture = ServerFixture.start(directory, b -> b.bindAddress("::"))) {
            InetSocketAddress v6 = new InetSocketAddress("::1", fixture.address.getPort());
            for (int i = 0; i < 10; i++) {
                SmtpTestClient client = new SmtpTestClient(v6);
                open.add(client);
                assertThat(client.reply()).startsWith("220 ");
            }
            try (SmtpTestClient eleventh = new SmtpTestClient(v6)) {
                assertThat(eleventh.line()).isEqualTo(TOO_MANY_FROM_IP);
                assertThat(eleventh.closedByServer()).isTrue();
            }
            try (SmtpTestClient v4 =
                    new SmtpTestClient(
                            new InetSocketAddress("127.0.0.1", fixture.address.getPort()))) {
                assertThat(v4.reply()).startsWith("220 ");
            }
        } finally {
            for (SmtpTestClient client : open) {
                client.close();
            }
        }
    }

    private static void sendOneMessage(InetSocketAddress server) throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(server)) {
            assertThat(client.reply()).startsWith("220 ");
            assertThat(client.command("EHLO client.test")).startsWith("250-");
            assertThat(client.command("MAIL FROM:<sender@example.org>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<bob@main.test>")).startsWith("250 ");
            assertThat(client.command("DATA")).startsWith("354 ");
            client.send("Subject: v6\r\n\r\nbody\r\n.\r\n");
            assertThat(client.reply()).startsWith("250 ");
        }
    }
}
