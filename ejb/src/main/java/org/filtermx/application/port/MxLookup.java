package org.filtermx.application.port;

import java.util.List;

/**
 * The mail hosts of a domain from DNS (RFC 5321 section 5.1), in the order to try them. A temporary
 * DNS failure is a {@link org.filtermx.application.TemporaryFailure}.
 */
public interface MxLookup {

    /**
     * The relay hosts for {@code domain}, most preferred first.
     *
     * @throws NoMailService when the domain cannot receive mail at all (no such domain, null MX)
     */
    List<RelayHost> mailHosts(String domain) throws NoMailService;

    /** The domain does not exist or publishes that it takes no mail (RFC 7505). */
    final class NoMailService extends Exception {

        private static final long serialVersionUID = 1L;

        public NoMailService(String message) {
            super(message);
        }
    }
}
