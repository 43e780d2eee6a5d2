package org.filtermx.domain.model.delivery;

import java.util.Objects;

/**
 * The result of one delivery attempt for one recipient, with the reply that decided it.
 *
 * @param recipient the envelope recipient as given to the transport
 * @param status delivered, temporary or permanent
 * @param reply the remote reply as received on one line ({@code 550-5.1.1 No such user 550 5.1.1
 *     Bye}, lines of a multi-line reply joined with a space) when {@code fromRemote}; otherwise a
 *     local description of what went wrong ({@code connect to mx.example:25: Connection refused})
 * @param fromRemote whether {@code reply} is an SMTP reply from the destination, which a DSN
 *     reports as {@code Diagnostic-Code: smtp; ...} (RFC 3464 section 2.3.6)
 */
public record RecipientResult(
        String recipient, DeliveryStatus status, String reply, boolean fromRemote) {

    public RecipientResult {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reply, "reply");
    }
}
