package org.filtermx.smtp.server.ra;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.List;
import java.util.logging.Logger;

/**
 * One active endpoint and the listeners that feed it (the submission role and IMAP have two each:
 * STARTTLS and implicit TLS, docs/adr/0026); closing them ends the activation.
 *
 * @param factory the container's factory for endpoint instances
 * @param servers the listeners bound for the activation's role
 */
record EndpointTarget(MessageEndpointFactory factory, List<? extends AutoCloseable> servers) {

    EndpointTarget {
        servers = List.copyOf(servers);
    }

    void close() {
        for (AutoCloseable server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                Logger.getLogger(EndpointTarget.class.getName())
                        .warning(() -> "cannot close a listener: " + e);
            }
        }
    }
}
