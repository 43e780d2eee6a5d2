package org.filtermx.infrastructure.smtp;

import java.util.List;
import java.util.Objects;
import org.filtermx.application.port.DeliveryTransport;
import org.filtermx.application.port.RelayHost;
import org.filtermx.application.port.TransportAttempt;
import org.filtermx.domain.model.message.StoredContent;

/**
 * The application's delivery transport over SMTP (RFC 5321): one {@link SmtpDeliveryClient} with a
 * connection cache shared by all delivery workers, greeting with this gateway's name.
 */
public final class SmtpTransport implements DeliveryTransport {

    private final SmtpDeliveryClient client;
    private final String heloName;

    public SmtpTransport(SmtpDeliveryClient client, String heloName) {
        this.client = Objects.requireNonNull(client, "client");
        this.heloName = Objects.requireNonNull(heloName, "heloName");
    }

    @Override
    public TransportAttempt deliver(
            RelayHost host, String sender, List<String> recipients, StoredContent content) {
        Destination destination = new Destination(host.host(), host.port(), host.address());
        DeliveryAttempt attempt =
                client.deliver(
                        destination,
                        heloName,
                        sender,
                        recipients,
                        MessageSource.concat(content.head(), MessageSource.ofBytes(content.body())),
                        host.tls());
        return new TransportAttempt(
                destination.hostAndPort(),
                attempt.outcome().toString(),
                attempt.detail(),
                attempt.recipients());
    }

    @Override
    public void closeIdleConnections() {
        client.closeIdleConnections();
    }

    /** Ends every cached session, when the application stops. */
    public void closeAll() {
        client.closeAllIdleConnections();
    }
}
