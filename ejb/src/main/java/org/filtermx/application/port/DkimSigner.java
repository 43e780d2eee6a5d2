package org.filtermx.application.port;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Signs outgoing mail with a hosted domain's DKIM key (RFC 6376; rsa-sha256 and ed25519-sha256 of
 * RFC 8463).
 */
public interface DkimSigner {

    /**
     * The {@code DKIM-Signature} header field to put on top of {@code message} (CRLF line ends,
     * folded, ending with CRLF), signed with the active key of {@code domain}; empty when the
     * domain has no active key.
     *
     * @param message the message as it will be sent, CRLF line ends
     */
    Optional<String> sign(String domain, Path message) throws IOException;
}
