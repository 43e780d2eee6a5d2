package org.filtermx.infrastructure.smtp;

import java.security.cert.Certificate;
import java.util.Optional;

/**
 * Decides after the TLS handshake, before anything is sent in the new session, whether the server's
 * certificate chain is good enough for this delivery: PKIX and the host name ({@link
 * CertificateCheck}) or the host's TLSA records (DANE, RFC 7672 section 3).
 */
@FunctionalInterface
public interface PeerCheck {

    /**
     * What is wrong with {@code chain} (the server's certificate first) for {@code host}, or empty
     * when it is accepted.
     */
    Optional<String> problem(Certificate[] chain, String host);
}
