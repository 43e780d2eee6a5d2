package org.filtermx.application.port;

import java.util.List;

/**
 * Which reverse proxies' {@code X-Forwarded-For} names the client ({@code
 * FILTERMX_TRUSTED_PROXIES}), for login throttling and the audit trail.
 */
public interface ProxyTrust {

    /** Whether no proxy is trusted, so the socket peer is always the client. */
    boolean isEmpty();

    /**
     * The client behind {@code peer}, reading {@code forwardedFor} from the right as far as trusted
     * proxies go.
     */
    String clientAddress(String peer, List<String> forwardedFor);
}
