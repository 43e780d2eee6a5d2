package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FilterMX on IPv6: the server restarted with {@code FILTERMX_BIND=::} (every address of both
 * families, the dual-stack wildcard) and the HTTP interface on {@code ::} too, then driven over
 * {@code ::1} by real clients. Mail from an IPv6 client reaches a destination that listens on
 * {@code ::1} only (route {@code [IPv6:::1]}), with the client named {@code [IPv6:::1]} in the
 * Received field (RFC 5321 section 4.1.3); IPv4 clients on the same listener stay IPv4; the
 * per-address limit holds for an IPv6 client. The normal settings are restored at the end.
 */
@GatewayTest
@RunAsClient
class Ipv6IT {

    private static final String V6 = "::1";
    private static boolean dualStack;

    private final Api api = Gateway.admin();

    /** Restarts once, before the first test, on the dual-stack wildcard. */
    @BeforeEach
    void listenOnEveryAddressOfBothFamilies() throws Exception {
        if (!dualStack) {
            Gateway.restartWith(Map.of("FILTERMX_BIND", "::", "jboss.bind.address", "::"));
            assertThat(Gateway.awaitHealthy(Duration.ofSeconds(120))).isTrue();
            dualStack = true;
        }
    }

    @AfterAll
    static void restoreTheNormalBindAddress() throws Exception {
        if (dualStack) {
            Gateway.restartWith(Map.of());
            assertThat(Gateway.awaitHealthy(Duration.ofSeconds(120))).isTrue();
        }
    }

    @Test
    void mailFromAnIpv6ClientReachesAnIpv6OnlyDestinationNamingTheClientInItsReceivedField()
            throws Exception {
        try (SmtpSink sink = SmtpSink.startOnIpv6Loopback()) {
            String domain = Gateway.uniqueDomain("six");
            Api.Response added =
                    api.post(
                            "/domains",
                            "{\"name\":\""
                                    + domain
                                    + "\",\"destinations\":[{\"host\":\"[IPv6:::1]\",\"port\":"
                                    + sink.port()
                                    + "}]}");
            assertThat(added.status()).as("%s", added).isEqualTo(201);
            Gateway.awaitConfigurationReloaded();
            String sender = "six-" + UUID.randomUUID() + "@sender.example";

            MimeMessage m = new MimeMessage(session(V6));
            m.setFrom(new InternetAddress(sender));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress("ada@" + domain));
            m.setSubject("over IPv6");
            m.setText("Sent over ::1, delivered to ::1.");
            Transport.send(m);

            String delivered = sink.awaitMessages(1, Duration.ofSeconds(30)).get(0);
            assertThat(delivered)
                    .contains("Received: from app.example ([IPv6:::1])")
                    .contains("Sent over ::1, delivered to ::1.");

            List<Map<String, Object>> log =
                    api.awaitLog(
                            Api.allWithStatus(1, "DELIVERED"),
                            Duration.ofSeconds(30),
                            "sender",
                            sender);
            Map<String, Object> entry = api.logEntry(log.get(0).get("id"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> history = (List<Map<String, Object>>) entry.get("history");
            assertThat(history)
                    .anySatisfy(
                            e -> {
                                assertThat(e.get("status")).isEqualTo("DELIVERED");
                                assertThat(e.get("remote")).isEqualTo("[::1]:" + sink.port());
                            });
        }
    }

    /** The dual-stack listener reports an IPv4 client as IPv4, not as {@code ::ffff:127.0.0.1}. */
    @Test
    void anIpv4ClientOfTheDualStackListenerIsNamedByItsIpv4Address() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("four");
            api.addDomain(domain, sink.port());
            Gateway.awaitConfigurationReloaded();
            MimeMessage m = new MimeMessage(session(Gateway.HOST));
            m.setFrom(new InternetAddress("four@sender.example"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress("bea@" + domain));
            m.setSubject("over IPv4");
            m.setText("Sent over 127.0.0.1.");
            Transport.send(m);

            assertThat(sink.awaitMessages(1, Duration.ofSeconds(30)).get(0))
                    .contains("Received: from app.example ([127.0.0.1])");
        }
    }

    /** Every listener answers on {@code ::1}: submission (587, 465 style), IMAP and HTTP. */
    @Test
    void everyListenerAnswersOnIpv6Loopback() throws Exception {
        try (SmtpConversation submission = new SmtpConversation(V6, Gateway.SUBMISSION_PORT)) {
            assertThat(submission.hello()).contains("STARTTLS");
        }
        try (java.net.Socket imap = new java.net.Socket(V6, Gateway.IMAP_PORT)) {
            imap.setSoTimeout(10_000);
            byte[] greeting = new byte[4];
            assertThat(imap.getInputStream().readNBytes(greeting, 0, 4)).isEqualTo(4);
            assertThat(new String(greeting, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("* OK");
        }
        HttpResponse<String> health =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://[::1]:"
                                                                + Gateway.HTTP_PORT
                                                                + "/api/v1/health"))
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    /**
     * Ten sessions from {@code ::1} (its /64) fill the per-address limit; the eleventh gets the 421
     * line, while an IPv4 client still gets in.
     */
    @Test
    void theEleventhConcurrentSessionFromOneIpv6NetworkIsRefused() throws Exception {
        List<SmtpConversation> open = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                SmtpConversation smtp = new SmtpConversation(V6, Gateway.SMTP_PORT);
                open.add(smtp);
                assertThat(smtp.reply()).as("session %d", i).startsWith("220 ");
            }
            try (SmtpConversation eleventh = new SmtpConversation(V6, Gateway.SMTP_PORT)) {
                assertThat(eleventh.reply())
                        .isEqualTo(
                                "421 Too many concurrent SMTP connections from this IP address;"
                                        + " please try again later.");
                assertThat(eleventh.line()).isNull();
            }
            try (SmtpConversation v4 = SmtpConversation.open()) {
                assertThat(v4.reply()).startsWith("220 ");
            }
        } finally {
            for (SmtpConversation smtp : open) {
                smtp.close();
            }
        }
    }

    /**
     * Outgoing mail to a domain whose MX host has an IPv6 address only (AAAA, no A; served by
     * dnsmasq) goes to that address; the sender is an outgoing user authorized by the IPv6 range
     * {@code ::1/128}, not by a login.
     */
    @Test
    void outgoingMailReachesAnMxHostThatHasOnlyAnIpv6Address() throws Exception {
        List<AutoCloseable> resources = new ArrayList<>();
        String domain = Gateway.uniqueDomain("out6");
        try {
            SmtpSink contact = SmtpSink.start();
            resources.add(contact);
            api.addDomain(domain, contact.port());
            Api.Response settings =
                    api.put(
                            "/domains/" + domain + "/settings",
                            "{\"adminContact\":\"abuse@" + domain + "\"}");
            assertThat(settings.status()).as("%s", settings).isEqualTo(200);
            Api.Response ipUser =
                    api.post(
                            "/outgoing-users",
                            "{\"domain\":\"" + domain + "\",\"ip\":\"::1/128\"}");
            assertThat(ipUser.status()).as("%s", ipUser).isEqualTo(201);
            String remote = "remote6-" + UUID.randomUUID().toString().substring(0, 6) + ".test";
            resources.add(
                    Dnsmasq.builder()
                            .mx(remote, "mx." + remote, 10)
                            .address("mx." + remote, V6)
                            .start());
            SmtpSink mx = SmtpSink.startOnIpv6Loopback(Gateway.MX_PORT);
            resources.add(mx);

            String end;
            try (SmtpConversation smtp = new SmtpConversation(V6, Gateway.SUBMISSION_PORT)) {
                smtp.hello();
                assertThat(smtp.command("STARTTLS")).startsWith("220");
                smtp.startTls();
                assertThat(smtp.command("EHLO web.example")).startsWith("250");
                assertThat(smtp.command("MAIL FROM:<www@" + domain + ">")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<carol@" + remote + ">")).startsWith("250");
                assertThat(smtp.command("DATA")).startsWith("354");
                smtp.send(
                        "From: <www@"
                                + domain
                                + ">\r\nSubject: shipped over IPv6\r\n\r\nOn its way.\r\n.\r\n");
                end = smtp.reply();
                smtp.command("QUIT");
            }
            assertThat(end).startsWith("250");
            List<String> got = mx.awaitMessages(1, Duration.ofSeconds(60));
            assertThat(got).hasSize(1);
            assertThat(got.get(0))
                    .contains("carol@" + remote)
                    .contains("Subject: shipped over IPv6")
                    .contains("Received: from web.example ([IPv6:::1])");
        } finally {
            for (int i = resources.size() - 1; i >= 0; i--) {
                resources.get(i).close();
            }
            api.delete("/domains/" + domain);
        }
    }

    /**
     * An IPv6 address literal domain is no way to relay (RelayPolicyIT, here from an IPv6 peer).
     */
    @Test
    void anIpv6AddressLiteralRecipientIsNotRelayed() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(V6, Gateway.SMTP_PORT)) {
            smtp.hello();
            assertThat(smtp.command("MAIL FROM:<prober@sender.example>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<user@[IPv6:::1]>"))
                    .isEqualTo("550 Relay not permitted!");
            assertThat(smtp.command("RCPT TO:<user@[IPv6:2001:db8::25]>"))
                    .isEqualTo("550 Relay not permitted!");
        }
    }

    private static Session session(String host) {
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", String.valueOf(Gateway.SMTP_PORT));
        p.put("mail.smtp.localhost", "app.example");
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        return Session.getInstance(p);
    }
}
