package org.filtermx.infrastructure.smtp;

import java.io.IOException;

/**
 * The TLS handshake after STARTTLS failed, leaving the connection unusable; the client then
 * reconnects and delivers in clear, as opportunistic TLS allows (RFC 3207 section 4.1).
 */
final class TlsHandshakeFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    TlsHandshakeFailedException(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
