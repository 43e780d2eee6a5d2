package org.filtermx.smtp.server.protocol;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** The mail transaction in progress: from MAIL to the end of DATA, RSET or a new EHLO. */
final class Transaction {

    final int number;
    final String reversePath;
    final MailParameters parameters;

    /** Accepted recipients in order, without duplicates (an alias and its target may coincide). */
    final Set<String> recipients = new LinkedHashSet<>();

    /** The domains of the accepted recipients as the client named them, lower-case. */
    final Set<String> domains = new HashSet<>();

    /** The domain of the recipient the endpoint is deciding on. */
    String pendingDomain;

    int acceptedCount;
    boolean recipientAttempted;

    Transaction(int number, String reversePath, MailParameters parameters) {
        this.number = number;
        this.reversePath = reversePath;
        this.parameters = parameters;
    }
}
