package org.filtermx.infrastructure.filter.auth.dkim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.infrastructure.filter.auth.AuthorDomain;
import org.filtermx.infrastructure.filter.auth.OrganizationalDomain;

/**
 * How DKIM results score, how many signatures are checked and how long the key lookups may take;
 * {@link #DEFAULTS} holds the values the gateway ships with.
 *
 * @param validWeak the score of a valid partial-body (l=) signature, which proves less than {@code
 *     valid}
 * @param none the score of an unsigned message, and of one whose only signatures use rsa-sha1 (RFC
 *     8301: never a pass; reported as {@code DKIM_PERMERROR})
 */
public record DkimSettings(
        Duration timeBudget,
        int maxSignatures,
        double valid,
        double validAuthorDomain,
        double validWeak,
        double invalid,
        double none,
        double temperror) {

    public static final DkimSettings DEFAULTS =
            new DkimSettings(
                    Duration.ofSeconds(3),
                    DkimVerifier.DEFAULT_MAX_SIGNATURES,
                    -0.1,
                    -0.1,
                    0.0,
                    1.0,
                    0.0,
                    0.0);

    /**
     * The DKIM reasons for a message: one valid reason naming every good signer, plus the
     * author-domain one when a signer aligns with From; a broken signature only counts when no
     * signature verified, since lists and forwarders often break one of several.
     */
    public List<Reason> reasons(List<DkimOutcome> outcomes, AuthorDomain author) {
        if (outcomes.isEmpty()) {
            return List.of(new Reason("DKIM_NONE", none, ""));
        }
        List<Reason> reasons = new ArrayList<>();
        String strong = signers(outcomes, DkimOutcome::strongPass);
        if (!strong.isEmpty()) {
            reasons.add(new Reason("DKIM_VALID", valid, strong));
            String aligned =
                    signers(
                            outcomes,
                            o ->
                                    o.strongPass()
                                            && author.valid()
                                            && OrganizationalDomain.aligned(
                                                    o.domain(), author.domain(), false));
            if (!aligned.isEmpty()) {
                reasons.add(new Reason("DKIM_VALID_AUTHOR_DOMAIN", validAuthorDomain, aligned));
            }
            return reasons;
        }
        if (outcomes.stream().anyMatch(o -> o.status() == DkimOutcome.Status.PASS)) {
            return List.of(
                    new Reason(
                            "DKIM_VALID_WEAK",
                            validWeak,
                            explained(outcomes, DkimOutcome.Status.PASS)));
        }
        if (outcomes.stream().anyMatch(o -> o.status() == DkimOutcome.Status.FAIL)) {
            return List.of(
                    new Reason(
                            "DKIM_INVALID", invalid, explained(outcomes, DkimOutcome.Status.FAIL)));
        }
        if (outcomes.stream().anyMatch(o -> o.status() == DkimOutcome.Status.PERMERROR)) {
            return List.of(
                    new Reason(
                            "DKIM_PERMERROR",
                            none,
                            explained(outcomes, DkimOutcome.Status.PERMERROR)));
        }
        return List.of(
                new Reason(
                        "DKIM_TEMPERROR",
                        temperror,
                        explained(outcomes, DkimOutcome.Status.TEMPERROR)));
    }

    private static String signers(List<DkimOutcome> outcomes, Predicate<DkimOutcome> which) {
        return outcomes.stream()
                .filter(which)
                .map(o -> "d=" + o.domain())
                .distinct()
                .collect(Collectors.joining(", "));
    }

    private static String explained(List<DkimOutcome> outcomes, DkimOutcome.Status status) {
        return outcomes.stream()
                .filter(o -> o.status() == status)
                .map(o -> (o.domain().isEmpty() ? "" : "d=" + o.domain() + ": ") + o.detail())
                .distinct()
                .collect(Collectors.joining(", "));
    }
}
