package org.filtermx.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Submits mail the way a customer's server or mail program does: to the submission port with
 * STARTTLS (587) or implicit TLS (465), AUTH PLAIN or LOGIN (or none, for IP-authorized users),
 * then one transaction. Every step's reply is kept, and the first refusal ends the attempt.
 */
final class Submission {

    /** Which submission listener, and so how TLS starts. */
    enum Port {
        /** 587 style: STARTTLS after the first EHLO (RFC 3207). */
        STARTTLS,
        /** 465 style: TLS from the first byte (RFC 8314 section 3.3). */
        IMPLICIT_TLS
    }

    /** Which SASL mechanism; NONE skips AUTH. */
    enum Auth {
        PLAIN,
        LOGIN,
        NONE
    }

    /**
     * What the gateway answered.
     *
     * @param replies every reply in order (after the greeting and EHLOs)
     * @param last the reply that ended the attempt: the end-of-data reply, or the first refusal
     */
    record Result(List<String> replies, String last) {
        boolean accepted() {
            return last != null && last.startsWith("250");
        }
    }

    private Submission() {}

    /**
     * Submits {@code content} (CRLF line ends, not dot-stuffed) from {@code from} to {@code to}.
     */
    static Result send(
            Port port,
            Auth auth,
            String username,
            String password,
            String from,
            List<String> to,
            String content)
            throws IOException {
        List<String> replies = new java.util.ArrayList<>();
        try (SmtpConversation smtp =
                SmtpConversation.submissionOverTls(port == Port.IMPLICIT_TLS)) {
            if (auth != Auth.NONE) {
                String reply =
                        auth == Auth.PLAIN
                                ? smtp.authPlain(username, password)
                                : smtp.authLogin(username, password);
                replies.add(reply);
                if (!reply.startsWith("235")) {
                    return new Result(replies, reply);
                }
            }
            String mail = smtp.command("MAIL FROM:<" + from + ">");
            replies.add(mail);
            if (!mail.startsWith("250")) {
                return new Result(replies, mail);
            }
            boolean anyAccepted = false;
            String lastRefusal = null;
            for (String recipient : to) {
                String rcpt = smtp.command("RCPT TO:<" + recipient + ">");
                replies.add(rcpt);
                if (rcpt.startsWith("250")) {
                    anyAccepted = true;
                } else {
                    lastRefusal = rcpt;
                }
            }
            if (!anyAccepted) {
                smtp.command("QUIT");
                return new Result(replies, lastRefusal);
            }
            String data = smtp.command("DATA");
            replies.add(data);
            if (!data.startsWith("354")) {
                return new Result(replies, data);
            }
            smtp.sendBytes(
                    InboundDeliveryIT.dotStuff(content.getBytes(StandardCharsets.ISO_8859_1)));
            smtp.send(".\r\n");
            String end = smtp.reply();
            replies.add(end);
            smtp.command("QUIT");
            return new Result(replies, end);
        }
    }
}
