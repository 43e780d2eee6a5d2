package org.filtermx.infrastructure.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.infrastructure.dns.LoopbackDnsServer;
import org.filtermx.infrastructure.filter.auth.SenderAuthenticationScanner;
import org.filtermx.infrastructure.filter.auth.dkim.DkimSettings;
import org.filtermx.infrastructure.filter.auth.dmarc.DmarcSettings;
import org.filtermx.infrastructure.filter.auth.spf.SpfSettings;
import org.filtermx.infrastructure.filter.bayes.Tokenizer;
import org.filtermx.infrastructure.filter.content.AttachmentScanner;
import org.filtermx.infrastructure.filter.content.AttachmentSettings;
import org.filtermx.infrastructure.filter.content.GtubeScanner;
import org.filtermx.infrastructure.filter.content.GtubeSettings;
import org.filtermx.infrastructure.filter.content.HeaderSanityScanner;
import org.filtermx.infrastructure.filter.content.HeaderSanitySettings;
import org.filtermx.infrastructure.mime.MimeMessageParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in check, from the MIME parser to the scanners and the classifier's tokenizer, on
 * messages built to make backtracking patterns and quadratic loops spin: each must finish well
 * within the bound (it took minutes before), so a regression fails here, not on a slow machine.
 */
class HostileMessagesTest {

    private static final Duration BOUND = Duration.ofSeconds(2);
    private static final String HEAD =
            "From: a@example.org\r\nTo: b@example.net\r\nDate: Fri, 14 Mar 2025 12:59:41 +0100\r\n"
                    + "Message-ID: <x@example.org>\r\nMIME-Version: 1.0\r\n";

    private final LoopbackDnsServer dns = new LoopbackDnsServer();

    @AfterEach
    void stopDns() {
        dns.close();
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of(
                        "file name of 100,000 dots", attachment("a" + ".".repeat(100_000) + "x")),
                Arguments.of(
                        "file name of 100,000 dots, then .exe",
                        attachment(".".repeat(100_000) + ".exe")),
                Arguments.of(
                        "100,000 spaces before .exe",
                        attachment("invoice.pdf" + " ".repeat(100_000) + ".exe")),
                Arguments.of("dots and spaces", attachment(". ".repeat(50_000) + "x")),
                Arguments.of(
                        "From of 100,000 nested comments",
                        "From: "
                                + "(".repeat(100_000)
                                + " a@example.org\r\nSubject: x\r\n\r\nbody\r\n"),
                Arguments.of(
                        "From of 50,000 closed comments",
                        "From: "
                                + "()".repeat(50_000)
                                + "<a@example.org>\r\nSubject: x\r\n\r\nbody\r\n"),
                Arguments.of(
                        "Subject of 50,000 =?",
                        HEAD + "Subject: " + "=?".repeat(50_000) + "\r\n\r\nx\r\n"),
                Arguments.of(
                        "Subject of 7,000 encoded words",
                        HEAD + "Subject: " + "=?utf-8?q?a?= ".repeat(7_000) + "\r\n\r\nx\r\n"),
                Arguments.of(
                        "From of 25,000 =?x?", "From: " + "=?x?".repeat(25_000) + "\r\n\r\nx\r\n"),
                Arguments.of(
                        "Content-Type of 100,000 comments",
                        HEAD
                                + "Content-Type: text/plain; "
                                + "(".repeat(100_000)
                                + "\r\n\r\nx\r\n"),
                Arguments.of(
                        "To of 100 kB of a@",
                        "From: x@example.org\r\nTo: " + "a@".repeat(50_000) + "\r\n\r\nx\r\n"),
                Arguments.of(
                        "To of 100 kB of a.@b",
                        "From: x@example.org\r\nTo: " + "a.@b".repeat(25_000) + "\r\n\r\nx\r\n"),
                Arguments.of("HTML of 300,000 <", html("<".repeat(300_000))),
                Arguments.of("HTML of 100,000 <a href=\"", html("<a href=\"".repeat(30_000))),
                Arguments.of("HTML of nested tags", html("<div><b><i>".repeat(30_000))),
                Arguments.of("HTML of 200,000 &", html("&".repeat(200_000))),
                Arguments.of(
                        "text of 200,000 &#", HEAD + "\r\n<b>" + "&#".repeat(100_000) + "\r\n"),
                Arguments.of("HTML of 100,000 <script", html("<script>".repeat(30_000))),
                Arguments.of("HTML of 100,000 comments", html("<!--".repeat(50_000))),
                Arguments.of(
                        "text of a 1 MB address", HEAD + "\r\nx@" + "a.".repeat(500_000) + "\r\n"),
                Arguments.of(
                        "text of a 1 MB URL",
                        HEAD + "\r\nhttp://" + ".".repeat(1_000_000) + "\r\n"),
                Arguments.of(
                        "text and Subject of 150,000 U+0130 (two characters in lower case)",
                        HEAD
                                + "Subject: "
                                + "\u0130".repeat(150_000)
                                + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                                + "\u0130".repeat(150_000)
                                + "\r\n"),
                Arguments.of(
                        "HTML link and tag of 100,000 U+0130",
                        html(
                                "<a href=\"http://"
                                        + "\u0130".repeat(100_000)
                                        + "\">"
                                        + "\u0130".repeat(100_000)
                                        + "</a><\u0130"
                                        + "\u0130".repeat(100_000)
                                        + ">")),
                Arguments.of(
                        "Received of 100 kB",
                        HEAD + "Received: " + "a ".repeat(50_000) + "; x\r\n\r\nx\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void everyBuiltInCheckFinishesQuickly(String what, String message) {
        byte[] raw = message.getBytes(StandardCharsets.UTF_8);
        List<Scanner> scanners =
                List.of(
                        new GtubeScanner(GtubeSettings.defaults()),
                        new HeaderSanityScanner(HeaderSanitySettings.defaults()),
                        new AttachmentScanner(AttachmentSettings.defaults()),
                        new SenderAuthenticationScanner(
                                dns.lookup(),
                                SpfSettings.DEFAULTS,
                                DkimSettings.DEFAULTS,
                                DmarcSettings.DEFAULTS));
        assertTimeoutPreemptively(
                BOUND,
                () -> {
                    ParsedMessage parsed = MimeMessageParser.withDefaults().parse(raw);
                    MessageUnderScan scan =
                            new MessageUnderScan(
                                    "192.0.2.10",
                                    "mail.example.org",
                                    "a@example.org",
                                    List.of("b@example.net"),
                                    "example.net",
                                    raw,
                                    parsed);
                    for (Scanner scanner : scanners) {
                        assertThat(scanner.scan(scan)).isNotNull();
                    }
                    assertThat(new Tokenizer().tokenize(parsed)).isNotEmpty();
                },
                what);
    }

    private static String attachment(String name) {
        return HEAD
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
                + "see attached\r\n--b\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Disposition: attachment; filename=\""
                + name
                + "\"\r\n\r\nMZ\r\n--b--\r\n";
    }

    private static String html(String body) {
        return HEAD + "Subject: x\r\nContent-Type: text/html\r\n\r\n" + body + "\r\n";
    }
}
