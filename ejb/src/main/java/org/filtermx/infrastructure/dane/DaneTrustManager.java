package org.filtermx.infrastructure.dane;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.filtermx.infrastructure.dns.TlsaRecord;

/**
 * The trust decision of {@link DaneTrust#matches} inside a TLS handshake, for one SMTP client
 * connection to one host: an {@link X509ExtendedTrustManager}, so that JSSE does not add its own
 * host name check (DANE-EE(3) has none, DANE-TA(2) has its own, RFC 7672 section 3.2). Keeps the
 * last verdict for the delivery log. Server side only: client certificates are refused.
 */
public final class DaneTrustManager extends X509ExtendedTrustManager {

    private final List<TlsaRecord> records;
    private final List<String> referenceNames;
    private volatile DaneVerdict verdict;

    DaneTrustManager(List<TlsaRecord> records, List<String> referenceNames) {
        this.records = List.copyOf(records);
        this.referenceNames = List.copyOf(referenceNames);
    }

    /** The verdict on the last server chain checked, empty before the handshake got there. */
    public Optional<DaneVerdict> verdict() {
        return Optional.ofNullable(verdict);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
            throws CertificateException {
        DaneVerdict v =
                DaneTrust.matches(
                        records, referenceNames, chain == null ? List.of() : Arrays.asList(chain));
        verdict = v;
        if (!v.accepted()) {
            throw new CertificateException("DANE: " + v.detail());
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
            throws CertificateException {
        throw new CertificateException("DANE trusts servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
