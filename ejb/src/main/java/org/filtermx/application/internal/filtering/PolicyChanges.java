package org.filtermx.application.internal.filtering;

import java.util.Set;
import org.filtermx.application.InvalidRequest;
import org.filtermx.domain.model.filter.FilterListEntry;
import org.filtermx.domain.model.filter.FilterPolicy;
import org.filtermx.domain.model.filter.FilterPolicyRecord;
import org.filtermx.domain.model.shared.Keyword;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * The checks and parsing a policy change or a new list entry goes through, shared by saving them
 * ({@link DefaultFilterAdministration}) and by trying them out (the what-if tester), so that the
 * tester refuses exactly what saving would refuse.
 */
public final class PolicyChanges {

    private PolicyChanges() {}

    /**
     * Sets {@code record}'s overrides to the given values (nulls inherit) and returns the policy
     * they make on top of {@code base}, or throws {@link InvalidRequest} for values saving would
     * refuse.
     */
    public static FilterPolicy apply(
            FilterPolicyRecord record,
            Double quarantineThreshold,
            Double rejectThreshold,
            Set<String> disabledScanners,
            String virusEngineDown,
            String spamEngineDown,
            Integer quarantineRetentionDays,
            FilterPolicy base) {
        FilterPolicy.EngineDown virus = engineDown("virusEngineDown", virusEngineDown);
        FilterPolicy.EngineDown spam = engineDown("spamEngineDown", spamEngineDown);
        Set<String> disabled =
                disabledScanners == null
                        ? null
                        : Set.copyOf(
                                disabledScanners.stream()
                                        .map(s -> LowerCase.of(s.strip()))
                                        .toList());
        record.update(
                quarantineThreshold,
                rejectThreshold,
                disabled,
                virus,
                spam,
                quarantineRetentionDays);
        try {
            return record.over(base);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(e.getMessage());
        }
    }

    /** A new list entry from the API's strings, or {@link InvalidRequest}. */
    public static FilterListEntry listEntry(
            FilterListEntry.OwnerType type,
            String owner,
            String action,
            String matchOn,
            String pattern) {
        try {
            return new FilterListEntry(
                    type,
                    owner,
                    FilterListEntry.ListAction.valueOf(upper("action", action)),
                    FilterListEntry.MatchOn.valueOf(upper("matchOn", matchOn)),
                    pattern);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(
                    e.getMessage().startsWith("No enum")
                            ? "action must be ALLOW or BLOCK and matchOn SENDER or RECIPIENT"
                            : e.getMessage());
        }
    }

    private static String upper(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequest(name + " is required");
        }
        return Keyword.upper(value);
    }

    private static FilterPolicy.EngineDown engineDown(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return FilterPolicy.EngineDown.valueOf(Keyword.upper(value));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(name + " must be TEMPFAIL or CONTINUE");
        }
    }
}
