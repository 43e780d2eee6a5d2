package org.filtermx.infrastructure.filter.auth;

import java.util.List;
import org.filtermx.infrastructure.filter.auth.dkim.DkimOutcome;
import org.filtermx.infrastructure.filter.auth.dmarc.DmarcOutcome;
import org.filtermx.infrastructure.filter.auth.spf.SpfOutcome;

/**
 * The SPF, DKIM and DMARC verdicts on one message, from one pass over DNS: what the reasons are
 * made of, and what an Authentication-Results field (RFC 8601) could be written from.
 */
public record AuthenticationResults(SpfOutcome spf, List<DkimOutcome> dkim, DmarcOutcome dmarc) {

    public AuthenticationResults {
        dkim = List.copyOf(dkim);
    }
}
