package org.filtermx.application;

import java.time.Instant;
import java.util.List;

/**
 * A hosted domain as the API and console show it. {@code status} is {@code active} when the domain
 * takes mail, {@code pending} while its control is still to be proven; {@code pendingAliases} take
 * no mail yet either. {@code verification} says how to prove control, and is null when nothing is
 * pending. {@code reports} says whether and where the domain's protection report is sent. {@code
 * autoEnableUsers}: recipients with held spam become email users with reports on; {@code
 * destinationCatchAll}: the destination is declared to accept every address (which rules
 * auto-enable out unless the local recipients list is in use, ADR 0025); {@code outbound}: the
 * thresholds of the domain's outgoing mail (ADR 0028); {@code recipientChecks}: whether new
 * recipients are verified with the destination at RCPT time (ADR 0031); {@code tlsPolicy}: how mail
 * to the domain's destination is protected and whether its inbound mail must use STARTTLS.
 */
public record DomainDetails(
        String name,
        List<String> aliases,
        List<Route> destinations,
        List<String> localRecipients,
        boolean catchAll,
        String adminContact,
        Instant createdAt,
        String status,
        List<String> pendingAliases,
        Verification verification,
        Reports reports,
        boolean autoEnableUsers,
        boolean destinationCatchAll,
        Outbound outbound,
        RecipientChecks recipientChecks,
        TlsPolicy tlsPolicy) {

    public static final String ACTIVE = "active";
    public static final String PENDING = "pending";

    /**
     * The domain's protection reports: {@code frequency} {@code never}, {@code daily} or {@code
     * weekly}, {@code format} {@code html} or {@code pdf}, and the {@code address} they go to
     * ({@code null}: the admin contact).
     */
    public record Reports(String frequency, String format, String address) {}

    /**
     * The domain's outbound thresholds in effect: outgoing mail scoring at or above {@code
     * spamThreshold} is blocked, at or above {@code lockThreshold} it also locks its sender; {@code
     * clusterDefault} when the domain set neither and the cluster's defaults apply.
     */
    public record Outbound(double spamThreshold, double lockThreshold, boolean clusterDefault) {}

    /**
     * A change of the outbound thresholds: a {@code null} field stays as it is; {@code
     * clusterDefault} true goes back to the cluster's defaults for both.
     */
    public record OutboundChange(
            Double spamThreshold, Double lockThreshold, Boolean clusterDefault) {}

    /**
     * The domain's recipient checks (ADR 0031): {@code verifyRecipients} asks the destination about
     * each new recipient at RCPT time (only while no local recipients list is in use); {@code
     * acceptUnverified} accepts a recipient the destination could not be asked about in time
     * instead of answering {@code 451 4.4.1}; {@code greylisting} defers the first attempt of each
     * client subnet, sender and recipient (ADR 0032).
     */
    public record RecipientChecks(
            boolean verifyRecipients, boolean acceptUnverified, boolean greylisting) {}

    /**
     * A change of the recipient checks: a {@code null} field stays as it is. One constructor only:
     * JSON-B builds the API's request body with it.
     */
    public record RecipientChecksChange(
            Boolean verifyRecipients, Boolean acceptUnverified, Boolean greylisting) {}

    /**
     * The domain's TLS policy: {@code delivery} to its destination routes is {@code opportunistic}
     * (STARTTLS when offered, the default), {@code required} (STARTTLS or the delivery is deferred)
     * or {@code verified} (also a certificate chaining to a trust anchor and naming the route
     * host); {@code inbound} is {@code optional} (the default) or {@code required} (RCPT for the
     * domain before STARTTLS is answered {@code 530 5.7.0}).
     */
    public record TlsPolicy(String delivery, String inbound) {}

    /**
     * A change of the TLS policy: a {@code null} field stays as it is. One constructor only: JSON-B
     * builds the API's request body with it.
     */
    public record TlsPolicyChange(String delivery, String inbound) {}

    /** One destination route. */
    public record Route(String host, int port, int priority) {}

    /**
     * How the pending names get proven: {@code method} {@code dns} (publish each record, then
     * {@code POST /domains/{name}/verify}) or {@code approval} (an administrator approves); {@code
     * message} says it in a sentence.
     */
    public record Verification(String method, String message, List<Challenge> records) {}

    /** One TXT record to publish: its owner name and its exact text. */
    public record Challenge(String name, String type, String value) {}

    public boolean pending() {
        return PENDING.equals(status);
    }
}
