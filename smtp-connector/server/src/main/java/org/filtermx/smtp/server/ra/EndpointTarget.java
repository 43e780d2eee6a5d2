package org.filtermx.smtp.server.ra;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.filtermx.smtp.server.SmtpServer;

/**
 * One active endpoint and the listener that feeds it; closing the listener ends the activation.
 *
 * @param factory the container's factory for endpoint instances
 * @param server the listener bound for the activation's role
 */
record EndpointTarget(MessageEndpointFactory factory, SmtpServer server) {}
