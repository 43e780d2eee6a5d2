package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * The IMAP quarantine's defences, byte by byte over raw sockets: a command pipelined behind
 * STARTTLS in clear is never answered inside TLS (CVE-2011-0411); LOGIN and AUTHENTICATE are
 * refused before TLS (LOGINDISABLED, RFC 3501 section 6.2.3); literals and lines over the pre-login
 * caps are refused while a logged-in APPEND of the same size is taken; a user never sees, changes,
 * releases or trains another user's or domain's messages, whatever UID or sequence set it names;
 * wrong passwords are throttled together with the API's logins.
 */
@GatewayTest
@RunAsClient
class ImapSecurityIT {

    private final Api admin = Gateway.admin();

    /** CVE-2011-0411: what came in clear behind STARTTLS must be discarded, not run inside TLS. */
    @Test
    void commandsPipelinedBehindStartTlsAreNeverAnswered() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-inject", sink.port());
            try (ImapConversation imap = ImapConversation.plain()) {
                imap.expectGreeting();
                imap.send(
                        "x1 STARTTLS\r\nx2 CAPABILITY\r\nx3 LOGIN "
                                + domain
                                + " "
                                + HeldMessages.DOMAIN_PASSWORD
                                + "\r\n");
                String started = imap.until("x1");
                assertThat(imap.lastTagged(started)).startsWith("x1 OK");
                imap.startTls();
                assertThat(imap.tlsProtocol()).startsWith("TLSv1.");

                // Had CAPABILITY or LOGIN run, their responses would come before this one's.
                String capability = imap.command("CAPABILITY");
                assertThat(capability)
                        .doesNotContain("x2 ")
                        .doesNotContain("x3 ")
                        .contains("a1 OK");
                assertThat(capability.lines().filter(l -> l.startsWith("* CAPABILITY")).count())
                        .as(capability)
                        .isEqualTo(1);
                assertThat(capability).doesNotContain("LOGINDISABLED");
                // The injected LOGIN did not log this session in.
                String select = imap.command("SELECT INBOX");
                assertThat(imap.lastTagged(select)).as(select).matches("a2 (BAD|NO).*");
                assertThat(select).doesNotContain("EXISTS");
                // STARTTLS once only (RFC 3501 section 6.2.1).
                assertThat(imap.lastTagged(imap.command("STARTTLS"))).matches("a3 (BAD|NO).*");
                String login = imap.command("LOGIN " + domain + " " + HeldMessages.DOMAIN_PASSWORD);
                assertThat(imap.lastTagged(login)).as(login).startsWith("a4 OK");
                assertThat(imap.linesWithin(Duration.ofSeconds(1))).doesNotContain("x2", "x3");
            }
        }
    }

    @Test
    void loginAndAuthenticateAreRefusedBeforeTlsEvenWithTheRightPassword() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-clear", sink.port());
            try (ImapConversation imap = ImapConversation.plainFrom("127.0.0.41")) {
                imap.expectGreeting();
                String capability = imap.command("CAPABILITY");
                assertThat(capability)
                        .contains("IMAP4rev1")
                        .contains("STARTTLS")
                        .contains("LOGINDISABLED");
                String login = imap.command("LOGIN " + domain + " " + HeldMessages.DOMAIN_PASSWORD);
                assertThat(imap.lastTagged(login)).as(login).matches("a2 (NO|BAD).*");
                String plain =
                        SmtpConversation.base64(
                                "\0" + domain + "\0" + HeldMessages.DOMAIN_PASSWORD);
                String authenticate = imap.command("AUTHENTICATE PLAIN " + plain);
                assertThat(imap.lastTagged(authenticate)).as(authenticate).matches("a3 (NO|BAD).*");
                String select = imap.command("SELECT INBOX");
                assertThat(imap.lastTagged(select)).matches("a4 (NO|BAD).*");

                // The same connection after STARTTLS: LOGIN works, STARTTLS is no longer offered.
                assertThat(imap.lastTagged(imap.command("STARTTLS"))).startsWith("a5 OK");
                imap.startTls();
                String after = imap.command("CAPABILITY");
                assertThat(after).doesNotContain("LOGINDISABLED").doesNotContain("STARTTLS");
                assertThat(
                                imap.lastTagged(
                                        imap.command(
                                                "LOGIN "
                                                        + domain
                                                        + " "
                                                        + HeldMessages.DOMAIN_PASSWORD)))
                        .startsWith("a7 OK");
            }
        }
    }

    @Test
    void literalsAndLinesOverThePreLoginCapsAreRefused() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-caps", sink.port());
            int size = 200_000;

            // A synchronizing literal: refused instead of a continuation request.
            try (ImapConversation imap = ImapConversation.overStartTls()) {
                imap.send("b1 LOGIN {" + size + "}\r\n");
                String answer = imap.line();
                assertThat(answer).as("answer to a %d-octet literal", size).isNotNull();
                assertThat(answer).doesNotStartWith("+");
                assertThat(answer).matches("(b1 (NO|BAD)|\\* BYE).*");
            }
            // A non-synchronizing one (RFC 7888): no login comes of it.
            try (ImapConversation imap = ImapConversation.overStartTls()) {
                byte[] filler = new byte[size];
                Arrays.fill(filler, (byte) 'x');
                imap.send("b1 LOGIN {" + size + "+}\r\n");
                try {
                    imap.sendBytes(filler);
                    imap.send(" " + HeldMessages.DOMAIN_PASSWORD + "\r\n");
                } catch (java.io.IOException closedEarly) {
                    // the server closed the connection while the literal was still coming
                }
                String rest = imap.linesWithin(Duration.ofSeconds(3));
                assertThat(rest).doesNotContain("b1 OK").containsAnyOf("b1 BAD", "b1 NO", "* BYE");
            }
            // A line over the cap before login.
            try (ImapConversation imap = ImapConversation.overStartTls()) {
                String longLine = "b1 NOOP " + "y".repeat(size) + "\r\n";
                try {
                    imap.send(longLine);
                } catch (java.io.IOException closedEarly) {
                    // the server closed the connection while the line was still coming
                }
                String rest = imap.linesWithin(Duration.ofSeconds(3));
                assertThat(rest).doesNotContain("b1 OK").containsAnyOf("BAD", "BYE");
            }
            // The gateway still serves, and after login a literal of this size is taken.
            try (ImapConversation imap =
                    ImapConversation.loggedIn(domain, HeldMessages.DOMAIN_PASSWORD)) {
                byte[] message = largeSpam(domain, size);
                imap.send("a100 APPEND \"Train as Spam\" {" + message.length + "}\r\n");
                assertThat(imap.line()).startsWith("+");
                imap.sendBytes(message);
                imap.send("\r\n");
                String appended = imap.until("a100");
                assertThat(imap.lastTagged(appended)).as(appended).startsWith("a100 OK");
            }
        }
    }

    private static byte[] largeSpam(String domain, int size) {
        StringBuilder body = new StringBuilder();
        while (body.length() < size) {
            body.append("Cheap watches and more cheap watches for everyone at ")
                    .append(domain)
                    .append("\r\n");
        }
        return ("From: seller@spam.example\r\nTo: bob@"
                        + domain
                        + "\r\nSubject: Large spam\r\nMessage-ID: <large-"
                        + UUID.randomUUID()
                        + "@spam.example>\r\n\r\n"
                        + body)
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aLoginNeverSeesOrTouchesMessagesItMayNotSee() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-users", sink.port());
            String other = HeldMessages.holdingDomain("imap-other", sink.port());
            String bob = HeldMessages.addUser(domain, "bob");
            String carol = HeldMessages.addUser(domain, "carol");
            String tag = UUID.randomUUID().toString().substring(0, 8);
            String bobs = "For Bob " + tag;
            String carols = "Secret of Carol " + tag;
            HeldMessages.hold(domain, "spammer@sender.example", List.of(bob), bobs);
            long carolsId =
                    HeldMessages.hold(domain, "spammer@sender.example", List.of(carol), carols);
            HeldMessages.hold(other, "spammer@sender.example", List.of("dan@" + other), "Other");
            long[] trainedBefore = HeldMessages.trained(domain);

            long carolsUid;
            try (ImapConversation imap =
                    ImapConversation.loggedIn(carol, HeldMessages.USER_PASSWORD)) {
                imap.command("SELECT INBOX");
                List<Long> uids = searchUids(imap.command("UID SEARCH ALL"));
                assertThat(uids).hasSize(1);
                carolsUid = uids.get(0);
            }

            try (ImapConversation imap =
                    ImapConversation.loggedIn(bob, HeldMessages.USER_PASSWORD)) {
                String select = imap.command("SELECT INBOX");
                assertThat(select).contains("* 1 EXISTS");
                List<Long> mine = searchUids(imap.command("UID SEARCH ALL"));
                assertThat(mine).hasSize(1).doesNotContain(carolsUid);
                assertThat(searchUids(imap.command("SEARCH ALL"))).containsExactly(1L);

                String direct = imap.command("UID FETCH " + carolsUid + " (FLAGS BODY.PEEK[])");
                assertThat(direct).doesNotContain("FETCH (").doesNotContain(carols);
                String span = carolsUid > mine.get(0) ? mine.get(0) + ":" + carolsUid : "1:*";
                for (String fetch :
                        List.of(
                                "UID FETCH 1:* (UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])",
                                "UID FETCH " + span + " (UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])",
                                "UID FETCH " + carolsUid + "," + mine.get(0) + " (ENVELOPE)",
                                "FETCH 1:* (UID ENVELOPE)",
                                "UID FETCH 1:4294967295 (BODY.PEEK[])")) {
                    String answer = imap.command(fetch);
                    assertThat(answer).as(fetch).contains(bobs).doesNotContain(carols);
                    assertThat(answer.lines().filter(l -> l.matches("\\* \\d+ FETCH.*")).count())
                            .as(fetch)
                            .isEqualTo(1);
                }
                String beyond = imap.command("FETCH 2 (UID)");
                assertThat(beyond).doesNotContain(carols).doesNotContain("* 2 FETCH");
                assertThat(searchUids(imap.command("UID SEARCH SUBJECT \"Carol\""))).isEmpty();
                assertThat(searchUids(imap.command("UID SEARCH UID " + carolsUid))).isEmpty();
                assertThat(imap.command("STATUS INBOX (MESSAGES)")).contains("MESSAGES 1)");

                // Changing, deleting, releasing or training it changes nothing.
                assertThat(imap.command("UID STORE " + carolsUid + " +FLAGS (\\Deleted)"))
                        .doesNotContain("FETCH (");
                imap.command("UID EXPUNGE " + carolsUid);
                imap.command("EXPUNGE");
                imap.command("UID COPY " + carolsUid + " Release");
                imap.command("UID MOVE " + carolsUid + " \"Release and Train\"");
                imap.command("UID COPY " + carolsUid + " \"Train as Spam\"");
            }

            // The other domain's login, asking for Carol's UID.
            try (ImapConversation imap =
                    ImapConversation.loggedIn(other, HeldMessages.DOMAIN_PASSWORD)) {
                imap.command("SELECT INBOX");
                String answer = imap.command("UID FETCH " + carolsUid + " (BODY.PEEK[])");
                assertThat(answer).doesNotContain(carols).doesNotContain("FETCH (");
                imap.command("UID COPY " + carolsUid + " Release");
            }

            assertThat(sink.messagesAfter(Duration.ofSeconds(3))).isEmpty();
            assertThat(HeldMessages.stillHeld(carolsId)).isTrue();
            assertThat(HeldMessages.trained(domain)).containsExactly(trainedBefore);
            try (ImapConversation imap =
                    ImapConversation.loggedIn(carol, HeldMessages.USER_PASSWORD)) {
                imap.command("SELECT INBOX");
                String flags = imap.command("UID FETCH " + carolsUid + " (FLAGS)");
                assertThat(flags).contains("FETCH (").doesNotContain("\\Deleted");
            }
        }
    }

    @Test
    void wrongPasswordsAreThrottledTogetherWithTheApi() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("imap-throttle", sink.port());
            for (int i = 0; i < 5; i++) {
                String answer = login("127.0.0.51", domain, "Wrong-Password-" + i);
                assertThat(answer).as("attempt " + i).contains("NO [AUTHENTICATIONFAILED]");
            }
            String locked = login("127.0.0.51", domain, HeldMessages.DOMAIN_PASSWORD);
            assertThat(locked).as(locked).contains("NO [UNAVAILABLE]").doesNotContain(" OK ");
            // The lock is the account's, whatever the protocol and address.
            assertThat(login("127.0.0.52", domain, HeldMessages.DOMAIN_PASSWORD))
                    .contains("NO [UNAVAILABLE]");
            assertThat(
                            new Api(domain, HeldMessages.DOMAIN_PASSWORD)
                                    .via("192.0.2.161")
                                    .get("/me")
                                    .status())
                    .isEqualTo(429);

            // Failures at the API lock the IMAP login too.
            String second = HeldMessages.holdingDomain("imap-throttle2", sink.port());
            for (int i = 0; i < 5; i++) {
                assertThat(new Api(second, "Wrong-" + i).via("192.0.2.162").get("/me").status())
                        .isEqualTo(401);
            }
            assertThat(login("127.0.0.53", second, HeldMessages.DOMAIN_PASSWORD))
                    .contains("NO [UNAVAILABLE]");

            // An unknown name gets the same answer as a wrong password.
            assertThat(login("127.0.0.54", "nobody-" + UUID.randomUUID() + ".test", "Secret-1"))
                    .contains("NO [AUTHENTICATIONFAILED]");
        }
    }

    /** LOGIN over STARTTLS from loopback address {@code local}; returns the tagged answer. */
    private static String login(String local, String user, String password) throws Exception {
        try (ImapConversation imap =
                ImapConversation.overStartTls(ImapConversation.plainFrom(local))) {
            return imap.lastTagged(
                    imap.command(
                            "LOGIN "
                                    + ImapConversation.quoted(user)
                                    + " "
                                    + ImapConversation.quoted(password)));
        }
    }

    /** The numbers of the {@code * SEARCH} response in {@code response}. */
    static List<Long> searchUids(String response) {
        List<Long> uids = new ArrayList<>();
        for (String line : response.split("\n")) {
            if (line.startsWith("* SEARCH")) {
                for (String n : line.substring("* SEARCH".length()).trim().split(" ")) {
                    if (!n.isEmpty()) {
                        uids.add(Long.parseLong(n));
                    }
                }
            }
        }
        return uids;
    }
}
