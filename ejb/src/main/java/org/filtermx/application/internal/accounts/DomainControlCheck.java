package org.filtermx.application.internal.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.stream.Collectors;
import org.filtermx.application.port.TxtRecords;
import org.filtermx.domain.model.domain.DomainClaim;

/**
 * Looks for a claim's TXT record through the configured resolver ({@code FILTERMX_DNS}), fresh each
 * time, and says in a sentence why control is not proven yet.
 */
@ApplicationScoped
class DomainControlCheck {

    /** How much of the texts found is quoted back in an error, so a huge record stays short. */
    private static final int QUOTED = 200;

    @Inject private TxtRecords txt;

    /** Null when the record is there, else what was found instead. */
    String failure(DomainClaim claim) {
        TxtRecords.Answer result = txt.texts(claim.recordName());
        if (result.status() == TxtRecords.Status.FOUND && claim.provenBy(result.texts())) {
            return null;
        }
        String expected = "TXT \"" + claim.recordValue() + "\" at " + claim.recordName();
        return switch (result.status()) {
            case FAILED ->
                    claim.name()
                            + ": the DNS lookup failed ("
                            + result.detail()
                            + "); try again later. Expected "
                            + expected;
            case NO_SUCH_NAME ->
                    claim.name()
                            + ": no record found, "
                            + claim.recordName()
                            + " does not exist. Publish "
                            + expected;
            case FOUND ->
                    result.texts().isEmpty()
                            ? claim.name()
                                    + ": "
                                    + claim.recordName()
                                    + " has no TXT record. Publish "
                                    + expected
                            : claim.name()
                                    + ": the TXT records at "
                                    + claim.recordName()
                                    + " do not hold the token (found: "
                                    + quoted(result)
                                    + "). Publish "
                                    + expected;
        };
    }

    private static String quoted(TxtRecords.Answer result) {
        String all =
                result.texts().stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", "));
        String shown = all.length() > QUOTED ? all.substring(0, QUOTED) + "..." : all;
        StringBuilder safe = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            safe.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return safe.toString();
    }
}
