package org.filtermx.smtp.api;

import java.util.Objects;

/**
 * What the connector knows about one SMTP connection when it asks its endpoint for a decision.
 *
 * @param id unique session id, used as a prefix of queue ids and in logs
 * @param role the role of the port the client connected to
 * @param clientAddress the client's IP address as text (no brackets)
 * @param heloName the EHLO/HELO argument, or an empty string before the greeting
 * @param esmtp whether the client greeted with EHLO
 * @param tlsProtocol the negotiated TLS protocol (e.g. {@code TLSv1.3}) or {@code null} in clear
 * @param tlsCipher the negotiated cipher suite or {@code null} in clear
 * @param authenticatedUser the SMTP AUTH identity, or {@code null}
 * @param serverName the host name the server announces in its greeting
 */
public record SmtpSession(
        String id,
        Role role,
        String clientAddress,
        String heloName,
        boolean esmtp,
        String tlsProtocol,
        String tlsCipher,
        String authenticatedUser,
        String serverName) {

    public SmtpSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(clientAddress, "clientAddress");
        heloName = heloName == null ? "" : heloName;
        Objects.requireNonNull(serverName, "serverName");
    }

    /** Whether the session runs over TLS (STARTTLS or implicit). */
    public boolean tls() {
        return tlsProtocol != null;
    }

    /**
     * The RFC 3848 "with" keyword for the Received trace field of this session: SMTP, ESMTP,
     * ESMTPS, ESMTPA or ESMTPSA.
     */
    public String protocolKeyword() {
        if (!esmtp) {
            return "SMTP";
        }
        return "ESMTP" + (tls() ? "S" : "") + (authenticatedUser != null ? "A" : "");
    }
}
