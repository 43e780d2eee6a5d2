package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The quarantine content the IMAP tests read: hosted domains whose spam is held (with a domain
 * password for IMAP logins), email users, messages held by sending the GTUBE string through the
 * gateway's SMTP port as any sender would, and the classifier's training totals that show what a
 * training folder taught.
 */
final class HeldMessages {

    static final String DOMAIN_PASSWORD = "Imap-Domain-Secret-16";
    static final String USER_PASSWORD = "Imap-User-Secret-16";

    private HeldMessages() {}

    /**
     * A hosted domain on {@code destinationPort} whose spam is held, not refused, with the domain
     * password {@link #DOMAIN_PASSWORD} (the IMAP login of the domain's quarantine).
     */
    static String holdingDomain(String prefix, int destinationPort) {
        Api admin = Gateway.admin();
        String domain = Gateway.uniqueDomain(prefix);
        admin.addDomain(domain, destinationPort);
        holdSpam(domain);
        return domain;
    }

    /** Sets the domain's policy so that spam is held, and its password; fails if refused. */
    static void holdSpam(String domain) {
        Api admin = Gateway.admin();
        Api.Response policy =
                admin.put(
                        "/domains/" + domain + "/filter-policy",
                        "{\"quarantineThreshold\":5.0,\"rejectThreshold\":5000.0}");
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        Api.Response password =
                admin.put(
                        "/domains/" + domain + "/settings",
                        "{\"password\":\"" + DOMAIN_PASSWORD + "\"}");
        assertThat(password.status()).as(password.toString()).isEqualTo(200);
    }

    /** Adds an email user with a login and {@link #USER_PASSWORD}; returns the address. */
    static String addUser(String domain, String localPart) {
        String address = localPart + "@" + domain;
        Api.Response r =
                Gateway.admin()
                        .post(
                                "/domains/" + domain + "/users",
                                "{\"address\":\""
                                        + address
                                        + "\",\"password\":\""
                                        + USER_PASSWORD
                                        + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return address;
    }

    /** A spam message (the GTUBE string) with CRLF line ends. */
    static String spam(String from, List<String> to, String subject) {
        return "From: "
                + from
                + "\r\n"
                + "To: "
                + String.join(", ", to)
                + "\r\n"
                + "Subject: "
                + subject
                + "\r\n"
                + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <"
                + System.nanoTime()
                + "@sender.example>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + FilteringIT.GTUBE
                + "\r\n";
    }

    /**
     * Sends one spam message from {@code from} to {@code to} with {@code subject} (unique to the
     * test) and returns its quarantine id once it is held.
     */
    static long hold(String domain, String from, List<String> to, String subject) throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.hello();
            assertThat(smtp.transaction(from, to, spam(from, to, subject))).startsWith("250 2.0.0");
        }
        return awaitHeld(domain, subject);
    }

    /** The quarantine id of the held message of {@code domain} with {@code subject}. */
    static long awaitHeld(String domain, String subject) throws InterruptedException {
        Api admin = Gateway.admin();
        List<Map<String, Object>> held = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            held = admin.get("/quarantine" + Api.query("domain", domain)).jsonArray();
            if (held.stream().anyMatch(h -> subject.equals(h.get("subject")))) {
                break;
            }
            Thread.sleep(200);
        }
        return held.stream()
                .filter(h -> subject.equals(h.get("subject")))
                .findFirst()
                .map(h -> Long.parseLong(Api.id(h.get("id"))))
                .orElseThrow(() -> new AssertionError("not held: " + subject));
    }

    /** Whether the quarantine still holds message {@code id} (as the administrator sees it). */
    static boolean stillHeld(long id) {
        return Gateway.admin().get("/quarantine/" + id).status() == 200;
    }

    /** The subjects of the messages the quarantine holds for {@code domain}. */
    static List<Object> heldSubjects(String domain) {
        return Gateway.admin().get("/quarantine" + Api.query("domain", domain)).jsonArray().stream()
                .map(h -> h.get("subject"))
                .toList();
    }

    /**
     * How many messages the domain's own classifier has learned, as {@code [spam, ham]} (its counts
     * in the database: what a training folder changes).
     */
    static long[] trained(String domain) throws Exception {
        String row =
                Gateway.query(
                        "SELECT spam_messages, ham_messages FROM bayes_totals WHERE scope = '"
                                + domain
                                + "'");
        if (row.isEmpty()) {
            return new long[] {0, 0};
        }
        String[] cells = row.split("\t");
        return new long[] {Long.parseLong(cells[0].strip()), Long.parseLong(cells[1].strip())};
    }

    /** Polls {@link #trained} until it differs from {@code before} or 15 s pass; returns it. */
    static long[] awaitTrainedChange(String domain, long[] before) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long[] now = trained(domain);
        while (now[0] == before[0] && now[1] == before[1] && System.nanoTime() < deadline) {
            Thread.sleep(250);
            now = trained(domain);
        }
        return now;
    }
}
