package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * An email user never learns who else received a message: one spam message to bob and carol of the
 * same domain (carol as a Bcc, with a {@code Bcc:} field the sending client left in) is held, and
 * bob, logged in as an email user, sees only himself in the log entry, its history, the quarantine
 * list, the held message's details and its raw content, while the domain's administrator sees both.
 */
@SuppressWarnings("unchecked")
@GatewayTest
@RunAsClient
class RecipientPrivacyIT {

    private static final String PASSWORD = "Email-user-pass-1";

    private final Api admin = Gateway.admin();

    @Test
    void anEmailUserSeesOnlyItselfAmongTheRecipients() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            String domain = Gateway.uniqueDomain("bcc");
            admin.addDomain(domain, sink.port());
            assertThat(
                            admin.put(
                                            "/domains/" + domain + "/filter-policy",
                                            // The built-in GTUBE check holds it; the shared engines
                                            // going away does not matter here.
                                            "{\"quarantineThreshold\":5.0,\"rejectThreshold\":5000.0,\"virusEngineDown\":\"CONTINUE\","
                                                    + "\"spamEngineDown\":\"CONTINUE\"}")
                                    .status())
                    .isEqualTo(200);
            String bob = "bob@" + domain;
            String carol = "carol@" + domain;
            for (String u : List.of(bob, carol)) {
                assertThat(
                                admin.post(
                                                "/domains/" + domain + "/users",
                                                "{\"address\":\""
                                                        + u
                                                        + "\",\"password\":\""
                                                        + PASSWORD
                                                        + "\"}")
                                        .status())
                        .isEqualTo(201);
            }
            String message =
                    "From: spammer@sender.example\r\nTo: "
                            + bob
                            + "\r\nBcc: "
                            + carol
                            + "\r\n"
                            + "Subject: Blind copy\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
                            + "Message-ID: <"
                            + System.nanoTime()
                            + "@sender.example>\r\nMIME-Version: 1.0\r\n"
                            + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                            + FilteringIT.GTUBE
                            + "\r\n";
            try (SmtpConversation smtp = SmtpConversation.open()) {
                smtp.hello();
                assertThat(smtp.transaction("spammer@sender.example", List.of(bob, carol), message))
                        .startsWith("250 2.0.0");
            }
            List<Map<String, Object>> held = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (held.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(250);
                held = admin.get("/quarantine?domain=" + domain).jsonArray();
            }
            assertThat(held).hasSize(1);
            assertThat((List<Object>) held.get(0).get("recipients"))
                    .containsExactlyInAnyOrder(bob, carol);
            String id = Api.id(held.get(0).get("id"));
            List<Map<String, Object>> adminLog = admin.log("domain", domain);
            assertThat((List<Object>) adminLog.get(0).get("recipients"))
                    .containsExactlyInAnyOrder(bob, carol);

            Api asBob = new Api(bob, PASSWORD);
            List<Map<String, Object>> log = asBob.log();
            assertThat(log).hasSize(1);
            assertThat((List<Object>) log.get(0).get("recipients")).containsExactly(bob);
            Api.Response entry = asBob.get("/log/" + Api.id(log.get(0).get("id")));
            assertThat(entry.status()).isEqualTo(200);
            assertThat((List<Object>) entry.json().get("recipients")).containsExactly(bob);
            assertThat(entry.body()).doesNotContainIgnoringCase(carol);

            Api.Response list = asBob.get("/quarantine");
            assertThat(list.jsonArray()).hasSize(1);
            assertThat((List<Object>) list.jsonArray().get(0).get("recipients"))
                    .containsExactly(bob);
            assertThat(list.body()).doesNotContainIgnoringCase(carol);
            Api.Response details = asBob.get("/quarantine/" + id);
            assertThat(details.status()).isEqualTo(200);
            assertThat(details.body()).contains(bob).doesNotContainIgnoringCase(carol);
            Api.Response raw = asBob.get("/quarantine/" + id + "/raw");
            assertThat(raw.status()).isEqualTo(200);
            assertThat(raw.body())
                    .contains("Subject: Blind copy")
                    .doesNotContainIgnoringCase(carol);
            assertThat(asBob.get("/log?recipient=" + carol).jsonArray()).isEmpty();
            assertThat(asBob.get("/dashboard").body()).doesNotContainIgnoringCase(carol);

            // Carol's copy, released by her, leaves bob's view as it was.
            Api asCarol = new Api(carol, PASSWORD);
            assertThat(asCarol.post("/quarantine/" + id + "/release", "").status()).isEqualTo(200);
            sink.awaitMessages(1, Duration.ofSeconds(20));
            Thread.sleep(500);
            Api.Response after = asBob.get("/log/" + Api.id(log.get(0).get("id")));
            assertThat(after.body()).doesNotContainIgnoringCase(carol);
            assertThat(admin.get("/log/" + Api.id(log.get(0).get("id"))).body())
                    .containsIgnoringCase(carol);
        }
    }
}
