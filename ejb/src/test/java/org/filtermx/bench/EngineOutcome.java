package org.filtermx.bench;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.filtermx.domain.model.filter.Reason;

/**
 * One test message as the built-in scanners, rspamd and SpamAssassin each scored it, kept apart so
 * that the benchmark can sum any combination of them as {@code FilterPipeline} would on a node
 * configured with just those engines. An engine that did not answer in its budget left a zero-score
 * {@code ENGINE_DOWN_*} reason, as in the server.
 *
 * @param builtIn the built-in scanners' reasons
 * @param rspamd rspamd's reasons, empty when rspamd is not configured
 * @param spamassassin spamd's reasons, empty when spamd is not configured
 * @param rspamdMillis wall time of the rspamd check, including waiting for a worker
 * @param spamassassinMillis wall time of the spamd check, including waiting for a child
 */
record EngineOutcome(
        String name,
        boolean spam,
        List<Reason> builtIn,
        boolean malware,
        List<Reason> rspamd,
        List<Reason> spamassassin,
        double rspamdMillis,
        double spamassassinMillis) {

    double builtInScore() {
        return sum(builtIn);
    }

    double rspamdScore() {
        return sum(rspamd);
    }

    double spamassassinScore() {
        return sum(spamassassin);
    }

    Optional<EngineVerdict> rspamdVerdict() {
        return EngineVerdict.find(rspamd, EngineVerdict.RSPAMD);
    }

    Optional<EngineVerdict> spamassassinVerdict() {
        return EngineVerdict.find(spamassassin, EngineVerdict.SPAMASSASSIN);
    }

    /** Every reason in the server's scanner order: built-in, rspamd, SpamAssassin. */
    List<Reason> allReasons() {
        return Stream.of(builtIn, rspamd, spamassassin).flatMap(List::stream).toList();
    }

    /** Whether the engine's scan ended in an {@code ENGINE_DOWN_*} reason. */
    static boolean down(List<Reason> reasons) {
        return reasons.stream().anyMatch(r -> r.rule().startsWith("ENGINE_DOWN_"));
    }

    private static double sum(List<Reason> reasons) {
        return reasons.stream().mapToDouble(Reason::score).sum();
    }
}
