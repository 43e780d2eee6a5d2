package org.filtermx.application.port;

import org.filtermx.domain.model.mtasts.MtaStsPolicy;

/**
 * Where a recipient domain's MTA-STS policy comes from (RFC 8461): its {@code _mta-sts} TXT record
 * (section 3.1) and the policy file at {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}
 * (section 3.3). Never throws for a network problem: every failure is an answer.
 */
public interface MtaStsSource {

    /** What the TXT lookup found. */
    enum Status {
        /** Exactly one valid {@code v=STSv1} record; {@link Record#id()} is its id. */
        FOUND,
        /** No valid record (none, several, or malformed): the domain has no policy to fetch. */
        NONE,
        /** The lookup failed; {@link Record#detail()} says how. */
        FAILED
    }

    /** The outcome of the TXT lookup: the id when found, a description otherwise. */
    record Record(Status status, String id, String detail) {}

    /** The outcome of fetching the policy: the policy, or why there is none. */
    record Fetched(MtaStsPolicy policy, String failure) {

        public static Fetched of(MtaStsPolicy policy) {
            return new Fetched(policy, null);
        }

        public static Fetched failed(String why) {
            return new Fetched(null, why);
        }

        public boolean ok() {
            return policy != null;
        }
    }

    /** Looks up {@code _mta-sts.<domain>} TXT. */
    Record record(String domain);

    /**
     * Fetches and parses {@code domain}'s policy file; the policy carries {@code id}, the TXT id it
     * is fetched under.
     */
    Fetched fetch(String domain, String id);
}
