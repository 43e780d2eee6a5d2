package org.filtermx.smtp.server.ra;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.List;
import org.filtermx.smtp.server.SmtpServer;

/**
 * One active endpoint and the listeners that feed it (the submission role has two: STARTTLS and
 * implicit TLS, docs/adr/0026); closing them ends the activation.
 *
 * @param factory the container's factory for endpoint instances
 * @param servers the listeners bound for the activation's role
 */
record EndpointTarget(MessageEndpointFactory factory, List<SmtpServer> servers) {

    EndpointTarget {
        servers = List.copyOf(servers);
    }

    void close() {
        servers.forEach(SmtpServer::close);
    }
}
