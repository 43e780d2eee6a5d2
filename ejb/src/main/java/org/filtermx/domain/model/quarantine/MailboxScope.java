package org.filtermx.domain.model.quarantine;

import java.util.Objects;
import java.util.Set;

/**
 * Which held messages one IMAP folder shows: those of {@code direction} ({@code INBOUND} or {@code
 * OUTBOUND}) still held and not expired, within {@code domains} ({@code null}: every domain), of
 * {@code domain} when given (a domain's folder in an administrator's tree), and for {@code address}
 * only those still held for that recipient (an email user's own quarantine). The same bounds as a
 * quarantine listing ({@link QuarantineQuery}).
 */
public record MailboxScope(Set<String> domains, String address, String domain, String direction) {

    public MailboxScope {
        Objects.requireNonNull(direction, "direction");
        domains = domains == null ? null : Set.copyOf(domains);
    }

    /** Whether nothing can be in this scope (no domain visible, or the domain is outside it). */
    public boolean empty() {
        return (domains != null && domains.isEmpty())
                || (domain != null && domains != null && !domains.contains(domain));
    }
}
