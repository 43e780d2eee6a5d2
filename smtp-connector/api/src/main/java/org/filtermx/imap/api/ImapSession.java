package org.filtermx.imap.api;

import java.util.Objects;

/**
 * What the connector knows about one IMAP connection when it calls its endpoint.
 *
 * @param id unique session id, for logs
 * @param clientAddress the client's IP address as text (no brackets)
 * @param tlsProtocol the negotiated TLS protocol, or {@code null} in clear
 * @param identity what {@link ImapListener#onLogin} returned for this session, or {@code null}
 *     before login. The endpoint chose it and trusts it back: the connector never makes one up.
 */
public record ImapSession(String id, String clientAddress, String tlsProtocol, String identity) {

    public ImapSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientAddress, "clientAddress");
    }

    public boolean tls() {
        return tlsProtocol != null;
    }

    /** This session after a successful login as {@code identity}. */
    public ImapSession loggedInAs(String identity) {
        return new ImapSession(id, clientAddress, tlsProtocol, Objects.requireNonNull(identity));
    }
}
