package org.filtermx.application.internal.intake;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.filtermx.smtp.api.SmtpSession;

/**
 * The Received trace field this gateway prepends to every message it accepts (RFC 5321 section
 * 4.4), with the RFC 3848 protocol keyword and, for TLS sessions, the protocol and cipher.
 */
public final class ReceivedField {

    private static final DateTimeFormatter RFC5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private ReceivedField() {}

    public static byte[] of(
            SmtpSession session, String queueId, String singleRecipient, ZonedDateTime when) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("Received: from ")
                .append(session.heloName().isEmpty() ? "unknown" : sanitize(session.heloName()))
                .append(" (")
                .append(addressLiteral(session.clientAddress()))
                .append(")\r\n\tby ")
                .append(session.serverName())
                .append(" (FilterMX) with ")
                .append(session.protocolKeyword());
        if (session.tls()) {
            sb.append("\r\n\t(using ")
                    .append(session.tlsProtocol())
                    .append(" with cipher ")
                    .append(session.tlsCipher())
                    .append(')');
        }
        sb.append(" id ").append(queueId);
        if (singleRecipient != null) {
            sb.append("\r\n\tfor <").append(singleRecipient).append('>');
        }
        sb.append("; ")
                .append(RFC5322_DATE.format(when.withZoneSameInstant(ZoneOffset.UTC)))
                .append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The client's address as an RFC 5321 section 4.1.3 address literal: {@code [192.0.2.1]}, or
     * {@code [IPv6:2001:db8::1]} for an IPv6 address (the connector reports it without brackets).
     */
    static String addressLiteral(String clientAddress) {
        return clientAddress.indexOf(':') >= 0
                ? "[IPv6:" + clientAddress + "]"
                : "[" + clientAddress + "]";
    }

    /** Keeps a client-supplied HELO name from breaking the header (no CR, LF or parentheses). */
    private static String sanitize(String helo) {
        return helo.replaceAll("[^A-Za-z0-9.\\-\\[\\]:_]", "?");
    }
}
