package org.filtermx.application.internal.intake;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import org.filtermx.application.HostedDomain;
import org.filtermx.application.HostedDomainDirectory;
import org.filtermx.application.RecipientPolicy;
import org.filtermx.application.internal.posture.DmarcReportInbox;
import org.filtermx.application.internal.verification.Greylisting;
import org.filtermx.application.internal.verification.RecipientVerification;
import org.filtermx.smtp.api.RecipientDecision;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.SmtpSession;

/**
 * The inbound recipient policy: only hosted domains are accepted (no open relay); an alias domain's
 * recipient is rewritten to the main domain in the envelope; a domain's local recipients list, when
 * in use, refuses every other address; a domain without one may have each new recipient verified
 * with its destination (ADR 0031); a domain that requires inbound TLS takes no recipient before
 * STARTTLS.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class DefaultRecipientPolicy implements RecipientPolicy {

    /**
     * The reply the operator guide names for recipients outside the hosted domains (scripts match
     * it).
     */
    static final Reply RELAY_DENIED = new Reply(550, "", "Relay not permitted!");

    static final Reply UNKNOWN_USER =
            Reply.of(
                    550,
                    "5.1.1",
                    "Recipient address rejected: User unknown in local recipient table");

    /**
     * Percent hacks ({@code a%b@hosted}), bang paths ({@code b!a@hosted}) and quoted local parts
     * are the forms open-relay probes use to make a downstream server relay; none is accepted.
     */
    static final Reply ROUTING_FORM =
            Reply.of(
                    550,
                    "5.1.3",
                    "Recipient address rejected: address routing syntax not accepted");

    /** RFC 3207 section 4: the reply to a command that needs TLS first. */
    static final Reply TLS_REQUIRED = Reply.of(530, "5.7.0", "Must issue a STARTTLS command first");

    @Inject private HostedDomainDirectory directory;
    @Inject private RecipientVerification verification;
    @Inject private Greylisting greylisting;
    @Inject private DmarcReportInbox dmarcReports;

    public DefaultRecipientPolicy() {}

    DefaultRecipientPolicy(HostedDomainDirectory directory) {
        this.directory = directory;
    }

    DefaultRecipientPolicy(HostedDomainDirectory directory, RecipientVerification verification) {
        this.directory = directory;
        this.verification = verification;
    }

    @Override
    public RecipientDecision decide(SmtpSession session, String reversePath, String recipient) {
        int at = recipient.lastIndexOf('@');
        if (at <= 0 || at == recipient.length() - 1) {
            if (recipient.equalsIgnoreCase("postmaster")) {
                return RecipientDecision.refuse(RELAY_DENIED);
            }
            return RecipientDecision.refuse(Reply.of(501, "5.1.3", "Bad recipient address syntax"));
        }
        // The cluster's own DMARC report address (ADR 0046): kept, never relayed.
        if (dmarcReports != null && dmarcReports.isReportAddress(recipient)) {
            return RecipientDecision.accept(recipient.toLowerCase(java.util.Locale.ROOT));
        }
        String localPart = recipient.substring(0, at);
        String domainPart = recipient.substring(at + 1);
        if (domainPart.startsWith("[")) {
            return RecipientDecision.refuse(RELAY_DENIED);
        }
        Optional<HostedDomain> hosted = directory.lookup(domainPart);
        if (hosted.isEmpty()) {
            return RecipientDecision.refuse(RELAY_DENIED);
        }
        if (localPart.indexOf('%') >= 0
                || localPart.indexOf('!') >= 0
                || localPart.indexOf('@') >= 0
                || localPart.startsWith("\"")) {
            return RecipientDecision.refuse(ROUTING_FORM);
        }
        HostedDomain domain = hosted.get();
        // RFC 3207 section 4: a server may require TLS before accepting mail; asked before the
        // recipient's existence, so that a plain-text client learns nothing about addresses.
        if (domain.requiresInboundTls() && !session.tls()) {
            return RecipientDecision.refuse(TLS_REQUIRED);
        }
        if (!domain.accepts(localPart)) {
            return RecipientDecision.refuse(UNKNOWN_USER);
        }
        // Greylisting first: software that never retries causes no callout.
        if (greylisting != null && domain.greylists()) {
            Optional<Reply> deferral = greylisting.check(session, reversePath, domain, localPart);
            if (deferral.isPresent()) {
                return RecipientDecision.refuse(deferral.get());
            }
        }
        if (verification != null && domain.verifiesRecipients()) {
            Optional<Reply> refusal = verification.check(session.id(), domain, localPart);
            if (refusal.isPresent()) {
                return RecipientDecision.refuse(refusal.get());
            }
        }
        return RecipientDecision.accept(localPart + "@" + domain.name());
    }
}
