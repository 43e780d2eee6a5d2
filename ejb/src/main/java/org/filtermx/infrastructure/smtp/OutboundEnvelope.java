package org.filtermx.infrastructure.smtp;

import java.util.List;
import java.util.Objects;

/**
 * The envelope of one relay: our EHLO name, the reverse-path (empty for the null sender) and the
 * recipients, checked once so no caller-supplied text can inject a command line.
 */
record OutboundEnvelope(String heloName, String reversePath, List<String> recipients) {

    OutboundEnvelope {
        Objects.requireNonNull(heloName, "heloName");
        if (heloName.isBlank() || !isSafe(heloName) || heloName.contains(" ")) {
            throw new IllegalArgumentException("invalid EHLO name: " + heloName);
        }
        reversePath = normalizeReversePath(reversePath);
        if (!isSafe(reversePath)) {
            throw new IllegalArgumentException("invalid reverse-path: " + reversePath);
        }
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients");
        }
        for (String recipient : recipients) {
            if (recipient.isEmpty() || !isSafe(recipient)) {
                throw new IllegalArgumentException("invalid recipient: " + recipient);
            }
        }
    }

    /** {@code null}, the empty string and {@code <>} all mean the null sender (RFC 5321 4.5.5). */
    static String normalizeReversePath(String reversePath) {
        if (reversePath == null) {
            return "";
        }
        String path = reversePath.strip();
        if (path.startsWith("<") && path.endsWith(">")) {
            path = path.substring(1, path.length() - 1);
        }
        return path;
    }

    String mailFromCommand() {
        return "MAIL FROM:<" + reversePath + ">";
    }

    static String rcptToCommand(String recipient) {
        return "RCPT TO:<" + recipient + ">";
    }

    /** Whether an address needs the SMTPUTF8 extension (RFC 6531 section 3.4). */
    boolean needsSmtpUtf8() {
        return !isAscii(reversePath) || recipients.stream().anyMatch(r -> !isAscii(r));
    }

    private static boolean isSafe(String text) {
        return text.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '<' || c == '>');
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }
}
