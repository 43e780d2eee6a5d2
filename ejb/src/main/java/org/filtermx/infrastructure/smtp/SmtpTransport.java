package org.filtermx.infrastructure.smtp;

import java.util.List;
import java.util.Objects;
import org.filtermx.application.port.DeliveryTransport;
import org.filtermx.application.port.RelayHost;
import org.filtermx.application.port.TransportAttempt;
import org.filtermx.domain.model.delivery.DeliveryStatus;
import org.filtermx.domain.model.delivery.RecipientResult;
import org.filtermx.domain.model.message.StoredContent;
import org.filtermx.infrastructure.dns.TlsaLookup;

/**
 * The application's delivery transport over SMTP (RFC 5321): one {@link SmtpDeliveryClient} with a
 * connection cache shared by all delivery workers, greeting with this gateway's name.
 */
public final class SmtpTransport implements DeliveryTransport {

    private final SmtpDeliveryClient client;
    private final String heloName;
    private final TlsaLookup tlsa;

    public SmtpTransport(SmtpDeliveryClient client, String heloName) {
        this(client, heloName, null);
    }

    /**
     * A transport that applies DANE (RFC 7672) to MX hosts DNSSEC vouched for, looking up their
     * TLSA records with {@code tlsa}; {@code null} for no DANE.
     */
    public SmtpTransport(SmtpDeliveryClient client, String heloName, TlsaLookup tlsa) {
        this.client = Objects.requireNonNull(client, "client");
        this.heloName = Objects.requireNonNull(heloName, "heloName");
        this.tlsa = tlsa;
    }

    @Override
    public TransportAttempt deliver(
            RelayHost host, String sender, List<String> recipients, StoredContent content) {
        Destination destination = new Destination(host.host(), host.port(), host.address());
        DaneRequirement dane = DaneRequirement.of(host, recipients, tlsa);
        if (dane.deferral() != null) {
            return new TransportAttempt(
                    destination.hostAndPort(),
                    SessionOutcome.TEMPORARY_FAILURE.toString(),
                    dane.deferral(),
                    recipients.stream()
                            .map(
                                    r ->
                                            new RecipientResult(
                                                    r,
                                                    DeliveryStatus.TEMPORARY,
                                                    dane.deferral(),
                                                    false))
                            .toList());
        }
        DeliveryAttempt attempt =
                client.deliver(
                        destination,
                        heloName,
                        sender,
                        recipients,
                        MessageSource.concat(content.head(), MessageSource.ofBytes(content.body())),
                        dane.requirement(),
                        dane.check());
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
