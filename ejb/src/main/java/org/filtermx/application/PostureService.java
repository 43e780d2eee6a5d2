package org.filtermx.application;

import java.util.Optional;

/**
 * A hosted domain's authentication posture: what its DMARC record says, which sources DMARC
 * aggregate reports show sending as it in the last 30 days and whether they pass SPF/DKIM/DMARC,
 * the MTA-STS policy the cluster hosts for it with the DNS records to publish, and a score with the
 * next step (p=none, then quarantine, then reject). Administrators, the domain's resellers and its
 * own login.
 */
public interface PostureService {

    Posture posture(Caller caller, String domain);

    /**
     * Sets the mode of the MTA-STS policy the cluster hosts for the domain ({@code testing}, {@code
     * enforce} or {@code none}, RFC 8461 section 5); the policy id changes with it.
     */
    Posture setMtaStsMode(Caller caller, String domain, String mode);

    /**
     * The policy file to serve at {@code https://<host>/.well-known/mta-sts.txt} (RFC 8461 section
     * 3.3) when {@code host} is {@code mta-sts.<hosted domain>} and the domain has a hosted policy;
     * empty otherwise. Public: the file is what the domain publishes to every sender.
     */
    Optional<String> hostedPolicy(String host);
}
