package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * The IMAP quarantine through Python's {@code imaplib}, a second real client with its own parser,
 * over STARTTLS ({@code IMAP4.starttls()}) and implicit TLS ({@code IMAP4_SSL}): the folder list
 * with special-use attributes, the capabilities, ID and NAMESPACE; UID SEARCH; header-field and
 * partial body fetches that leave {@code \Seen} alone; COPY into {@code Release}; APPEND of a
 * foreign message into {@code Train as Spam}; and the errors a client must see (wrong password,
 * LOGIN in clear, APPEND into the quarantine, an unknown folder). The scenarios are in {@code
 * src/test/resources/imap/imap_client.py}, which prints what the server answered as JSON.
 */
@GatewayTest
@RunAsClient
class ImapPythonClientIT {

    private static final Path SCRIPT =
            Gateway.ROOT.resolve("src-test/src/test/resources/imap/imap_client.py");
    private static final String SENDER = "spammer@sender.example";

    /** Runs one scenario of the script and returns its JSON answer; fails if it did not finish. */
    private static Map<String, Object> python(boolean implicitTls, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString()));
        command.addAll(
                List.of(
                        "--port",
                        String.valueOf(implicitTls ? Gateway.IMAPS_PORT : Gateway.IMAP_PORT)));
        if (implicitTls) {
            command.add("--implicit-tls");
        }
        command.addAll(List.of(args));
        Path errors = Files.createTempFile("imap-client", ".err");
        try {
            Process p =
                    new ProcessBuilder(command)
                            .redirectError(ProcessBuilder.Redirect.to(errors.toFile()))
                            .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("imap_client.py did not finish: " + command);
            }
            String stdout = new String(out, StandardCharsets.UTF_8).strip();
            String stderr = Files.readString(errors);
            assertThat(p.exitValue())
                    .as("exit status of %s; stdout %s; stderr %s", command, stdout, stderr)
                    .isZero();
            String last = stdout.substring(stdout.lastIndexOf('\n') + 1);
            return Json.object(last);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static String unique(String text) {
        return text + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> answer, String key) {
        return (List<Object>) answer.get(key);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsFoldersWithSpecialUseAndCapabilitiesOverStartTlsAndImplicitTls() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("py-folders", sink.port());
            for (boolean implicitTls : new boolean[] {false, true}) {
                Map<String, Object> answer =
                        python(
                                implicitTls,
                                "--user",
                                domain,
                                "--password",
                                HeldMessages.DOMAIN_PASSWORD,
                                "folders");
                List<Map<String, Object>> folders =
                        (List<Map<String, Object>>) answer.get("folders");
                assertThat(folders)
                        .extracting(f -> f.get("name"))
                        .contains("INBOX", "Outgoing", "Release", "Release and Train")
                        .contains("Train as Spam");
                assertThat(folders)
                        .filteredOn(f -> "Train as Spam".equals(f.get("name")))
                        .singleElement()
                        .satisfies(
                                f -> assertThat((List<Object>) f.get("flags")).contains("\\Junk"));
                assertThat(list(answer, "capabilitiesBeforeLogin"))
                        .contains("IMAP4REV1")
                        .doesNotContain("LOGINDISABLED", "STARTTLS");
                assertThat(list(answer, "capabilities"))
                        .extracting(c -> c.toString().toUpperCase(java.util.Locale.ROOT))
                        .contains(
                                "IMAP4REV1",
                                "UIDPLUS",
                                "MOVE",
                                "IDLE",
                                "LITERAL+",
                                "ENABLE",
                                "NAMESPACE",
                                "ID")
                        .doesNotContain("LOGINDISABLED", "STARTTLS");
                assertThat(list(answer, "id")).isNotEmpty();
                assertThat(list(answer, "namespace")).singleElement().asString().contains("\"/\"");
                assertThat(list(answer, "status").toString())
                        .contains("MESSAGES 0")
                        .contains("UIDVALIDITY");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void searchesAndFetchesHeaderFieldsAndPartialsWithoutSettingSeen() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("py-fetch", sink.port());
            String wanted = unique("Wanted offer");
            String other = unique("Other offer");
            HeldMessages.hold(domain, SENDER, List.of("bob@" + domain), wanted);
            HeldMessages.hold(domain, SENDER, List.of("bob@" + domain), other);
            for (boolean implicitTls : new boolean[] {false, true}) {
                Map<String, Object> answer =
                        python(
                                implicitTls,
                                "--user",
                                domain,
                                "--password",
                                HeldMessages.DOMAIN_PASSWORD,
                                "--subject",
                                wanted.substring(wanted.lastIndexOf(' ') + 1),
                                "inbox");
                assertThat(answer.get("exists")).isEqualTo(2.0);
                assertThat(list(answer, "uids")).hasSize(2);
                assertThat(list(answer, "matching")).hasSize(1);
                List<Map<String, Object>> messages =
                        (List<Map<String, Object>>) answer.get("messages");
                Map<String, Object> match =
                        messages.stream()
                                .filter(m -> m.get("uid").equals(list(answer, "matching").get(0)))
                                .findFirst()
                                .orElseThrow();
                String fields = (String) match.get("headerFields");
                assertThat(fields)
                        .contains("Subject: " + wanted + "\r\n")
                        .contains("From: " + SENDER)
                        .doesNotContain("To:")
                        .doesNotContain("Message-ID")
                        .endsWith("\r\n\r\n");
                String whole = (String) match.get("whole");
                assertThat(whole).contains("Subject: " + wanted).contains("GTUBE");
                String partial = (String) match.get("partial");
                assertThat(partial).hasSize(20).isEqualTo(whole.substring(0, 20));
                assertThat((String) match.get("first"))
                        .contains(
                                "RFC822.SIZE "
                                        + whole.getBytes(StandardCharsets.ISO_8859_1).length);
                assertThat((String) match.get("structure"))
                        .containsIgnoringCase("BODYSTRUCTURE (\"TEXT\" \"PLAIN\"")
                        .contains("ENVELOPE (");
                assertThat((String) match.get("flagsAfter")).doesNotContain("\\Seen");
            }
        }
    }

    @Test
    void copyIntoReleaseDeliversAndAppendIntoTrainAsSpamTrains() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("py-actions", sink.port());
            String bob = HeldMessages.addUser(domain, "bob");
            String subject = unique("Release by imaplib");
            HeldMessages.hold(domain, SENDER, List.of(bob), subject);

            Map<String, Object> copied =
                    python(
                            false,
                            "--user",
                            bob,
                            "--password",
                            HeldMessages.USER_PASSWORD,
                            "--subject",
                            subject.substring(subject.lastIndexOf(' ') + 1),
                            "--folder",
                            "Release",
                            "copy");
            assertThat(copied).containsEntry("status", "OK");
            assertThat(list(copied, "remaining")).isEmpty();
            assertThat(sink.awaitMessages(1, Duration.ofSeconds(20)).get(0))
                    .contains("Subject: " + subject);
            assertThat(HeldMessages.heldSubjects(domain)).doesNotContain(subject);

            long[] before = HeldMessages.trained(domain);
            Path spam = Files.createTempFile("foreign-spam", ".eml");
            try {
                Files.writeString(
                        spam,
                        "From: Lottery <win@lottery.example>\n"
                                + "To: "
                                + bob
                                + "\n"
                                + "Subject: You have won\n"
                                + "Message-ID: <"
                                + UUID.randomUUID()
                                + "@lottery.example>\n"
                                + "\n"
                                + "Claim your prize of one million today.\n",
                        StandardCharsets.US_ASCII);
                Map<String, Object> appended =
                        python(
                                true,
                                "--user",
                                bob,
                                "--password",
                                HeldMessages.USER_PASSWORD,
                                "--folder",
                                "Train as Spam",
                                "--file",
                                spam.toString(),
                                "append");
                assertThat(appended).containsEntry("status", "OK");
            } finally {
                Files.deleteIfExists(spam);
            }
            long[] after = HeldMessages.awaitTrainedChange(domain, before);
            assertThat(after[0]).as("spam learned").isEqualTo(before[0] + 1);
            assertThat(after[1]).isEqualTo(before[1]);
            assertThat(sink.messagesAfter(Duration.ofSeconds(2))).hasSize(1);
        }
    }

    @Test
    void errorsReachTheClient() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = HeldMessages.holdingDomain("py-errors", sink.port());
            String subject = unique("Stays put");
            HeldMessages.hold(domain, SENDER, List.of("bob@" + domain), subject);

            Map<String, Object> wrong =
                    python(
                            true,
                            "--source-address",
                            "127.0.0.71",
                            "--user",
                            domain,
                            "--password",
                            "Not-The-Password-1",
                            "refused-login");
            assertThat(wrong).containsEntry("refused", true);
            assertThat((String) wrong.get("error")).contains("AUTHENTICATIONFAILED");

            Map<String, Object> clear =
                    python(
                            false,
                            "--source-address",
                            "127.0.0.72",
                            "--clear",
                            "--user",
                            domain,
                            "--password",
                            HeldMessages.DOMAIN_PASSWORD,
                            "refused-login");
            assertThat(clear).containsEntry("refused", true);
            assertThat(list(clear, "capabilities")).contains("LOGINDISABLED", "STARTTLS");

            Path foreign = Files.createTempFile("foreign", ".eml");
            try {
                Files.writeString(
                        foreign,
                        "From: a@b.example\r\nSubject: Not held here\r\n\r\nhello\r\n",
                        StandardCharsets.US_ASCII);
                Map<String, Object> appended =
                        python(
                                false,
                                "--user",
                                domain,
                                "--password",
                                HeldMessages.DOMAIN_PASSWORD,
                                "--folder",
                                "INBOX",
                                "--file",
                                foreign.toString(),
                                "append");
                assertThat(appended).containsEntry("status", "NO");
                assertThat(list(appended, "response").toString()).contains("[CANNOT]");
            } finally {
                Files.deleteIfExists(foreign);
            }

            Map<String, Object> unknown =
                    python(
                            true,
                            "--user",
                            domain,
                            "--password",
                            HeldMessages.DOMAIN_PASSWORD,
                            "--subject",
                            subject.substring(subject.lastIndexOf(' ') + 1),
                            "--folder",
                            "No Such Folder",
                            "copy");
            assertThat(unknown).containsEntry("status", "NO");
            assertThat(list(unknown, "response").toString()).contains("[TRYCREATE]");
            assertThat(list(unknown, "remaining")).hasSize(1);
            assertThat(HeldMessages.heldSubjects(domain)).containsExactly(subject);
            assertThat(sink.messagesAfter(Duration.ofSeconds(1))).isEmpty();
        }
    }
}
