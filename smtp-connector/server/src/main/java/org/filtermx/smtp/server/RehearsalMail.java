package org.filtermx.smtp.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The synthetic messages of a {@link Rehearsal}: the shapes real mail has (plain text, HTML with a
 * text alternative, an attachment, an encoded subject, links), in words drawn from a small
 * vocabulary, so that parsing, tokenizing and scoring run the branches real mail runs. Every name
 * is under {@code rehearsal.invalid}, which DNS never resolves (RFC 6761 section 6.4), so no scan
 * waits for the network.
 */
final class RehearsalMail {

    static final String HELO = "node.rehearsal.invalid";

    private static final String[] WORDS = {
        "meeting", "invoice", "project", "schedule", "report", "account", "offer", "free",
        "winner", "discount", "limited", "click", "unsubscribe", "deadline", "budget", "review",
        "please", "attached", "thanks", "regards", "update", "password", "verify", "urgent",
        "shipment", "order", "delivery", "price", "quote", "contract", "holiday", "weekend",
        "monday", "friday", "customer", "support", "ticket", "server", "backup", "release",
        "money", "credit", "loan", "casino", "pharmacy", "viagra", "bitcoin", "investment",
        "newsletter", "event", "conference", "agenda", "minutes", "draft", "final", "approval"
    };

    /** One message: envelope and the DATA bytes (CRLF lines, no line starting with a dot). */
    record Message(String sender, String recipient, byte[] data) {}

    private final int client;
    private final SplittableRandom random;
    private long sequence;

    RehearsalMail(int client) {
        this.client = client;
        this.random = new SplittableRandom(0x5EED + client);
    }

    Message next() {
        long n = sequence++;
        String sender = "sender" + random.nextInt(50) + "@rehearsal.invalid";
        String recipient = "user" + random.nextInt(20) + "@rehearsal.invalid";
        StringBuilder m = new StringBuilder(8192);
        m.append("Received: from ").append(HELO).append(" (localhost [127.0.0.1])\r\n");
        m.append("\tby mx.rehearsal.invalid; Mon, 30 Nov 2026 10:00:00 +0000\r\n");
        m.append("From: \"Sender ").append(n % 7).append("\" <").append(sender).append(">\r\n");
        m.append("To: <").append(recipient).append(">\r\n");
        m.append("Date: Mon, 30 Nov 2026 10:00:00 +0000\r\n");
        m.append("Message-ID: <rehearsal-")
                .append(client)
                .append('-')
                .append(n)
                .append("@rehearsal.invalid>\r\n");
        m.append("Subject: ");
        if (n % 5 == 0) {
            m.append("=?UTF-8?B?")
                    .append(b64(("Rückfrage " + words(4)).getBytes(StandardCharsets.UTF_8)))
                    .append("?=");
        } else {
            m.append(words(5));
        }
        m.append("\r\nMIME-Version: 1.0\r\n");
        switch ((int) (n % 4)) {
            case 0 -> plain(m);
            case 1 -> alternative(m);
            case 2 -> attachment(m);
            default -> links(m);
        }
        return new Message(sender, recipient, m.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void plain(StringBuilder m) {
        m.append("Content-Type: text/plain; charset=utf-8\r\n\r\n");
        paragraphs(m, 6);
    }

    private void alternative(StringBuilder m) {
        m.append("Content-Type: multipart/alternative; boundary=\"alt-b\"\r\n\r\n");
        m.append("--alt-b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        paragraphs(m, 4);
        m.append("--alt-b\r\nContent-Type: text/html; charset=utf-8\r\n");
        m.append("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
        m.append("<html><body><p style=3D\"color:#333\">")
                .append(words(30))
                .append("</p>\r\n<p><a href=3D\"http://offers.rehearsal.invalid/")
                .append(random.nextInt(1000))
                .append("\">")
                .append(words(3))
                .append("</a></p></body></html>\r\n");
        m.append("--alt-b--\r\n");
    }

    private void attachment(StringBuilder m) {
        m.append("Content-Type: multipart/mixed; boundary=\"mix-b\"\r\n\r\n");
        m.append("--mix-b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        paragraphs(m, 3);
        m.append("--mix-b\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\n");
        m.append("Content-Disposition: attachment; filename=\"report.pdf\"\r\n");
        m.append("Content-Transfer-Encoding: base64\r\n\r\n");
        byte[] bytes = new byte[2048];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        String encoded = b64(bytes);
        for (int i = 0; i < encoded.length(); i += 76) {
            m.append(encoded, i, Math.min(encoded.length(), i + 76)).append("\r\n");
        }
        m.append("--mix-b--\r\n");
    }

    private void links(StringBuilder m) {
        m.append("Content-Type: text/plain; charset=utf-8\r\n\r\n");
        paragraphs(m, 3);
        for (int i = 0; i < 3; i++) {
            m.append("http://link")
                    .append(random.nextInt(100))
                    .append(".rehearsal.invalid/")
                    .append(words(1))
                    .append("\r\n");
        }
        m.append("\r\n").append(words(10).toUpperCase(Locale.ROOT)).append("!!!\r\n");
    }

    private void paragraphs(StringBuilder m, int count) {
        for (int p = 0; p < count; p++) {
            String text = words(40 + random.nextInt(40));
            int column = 0;
            for (String word : text.split(" ")) {
                if (column + word.length() > 72) {
                    m.append("\r\n");
                    column = 0;
                } else if (column > 0) {
                    m.append(' ');
                    column++;
                }
                m.append(word);
                column += word.length();
            }
            m.append("\r\n\r\n");
        }
    }

    private String words(int count) {
        StringBuilder s = new StringBuilder(count * 8);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.toString();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
