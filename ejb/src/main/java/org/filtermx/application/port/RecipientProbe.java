package org.filtermx.application.port;

import java.time.Duration;
import java.util.List;
import org.filtermx.domain.model.domain.DestinationRoute;

/**
 * Asks a domain's destination whether it would take mail for one address, without sending any: a
 * callout that stops after RCPT (RFC 5321 sections 3.3 and 4.1.1.3) with the null reverse-path, so
 * that a destination which accepts every address (a catch-all) can be told from one that verifies
 * its recipients.
 */
public interface RecipientProbe {

    /** What the destination said about the address. */
    enum Answer {
        /** 2xx to RCPT: the destination takes mail for the address. */
        ACCEPTED,
        /** 5xx to RCPT: the destination refuses the address. */
        REFUSED,
        /** No answer to go by: unreachable, timed out, 4xx, or refused before RCPT. */
        UNKNOWN
    }

    /**
     * The answer, with what the destination said (or why there was none) in words.
     *
     * @param detail the reply or failure, for a message to the user and the log
     */
    record Result(Answer answer, String detail) {}

    /**
     * Asks the routes in order until one answers RCPT, within a bounded total time; the
     * conversation ends with QUIT before DATA.
     */
    Result probe(List<DestinationRoute> routes, String recipient);

    /**
     * Asks about several addresses of one domain in one transaction (one RCPT each, RFC 5321
     * section 3.3), within {@code budget} over every route tried, and returns one result per
     * address in their order. The first route that answers the first RCPT answers for all. The
     * recipient verification callout (ADR 0031) asks a random address here together with the real
     * one, so that telling a catch-all apart costs no second connection.
     */
    default List<Result> probeEach(
            List<DestinationRoute> routes, List<String> recipients, Duration budget) {
        return recipients.stream().map(r -> probe(routes, r)).toList();
    }
}
