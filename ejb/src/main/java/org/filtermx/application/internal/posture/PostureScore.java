package org.filtermx.application.internal.posture;

import java.util.List;
import org.filtermx.domain.model.dmarc.SourceSummary;

/**
 * The posture score (0 to 100) and the one next step, from the DMARC record, the sources in the
 * reports of the last 30 days and the hosted MTA-STS mode. The path is RFC 7489 section 6.7's
 * deployment advice: publish p=none with reports, make every source pass, then quarantine, then
 * reject; a policy is tightened only after {@link #ALIGNED_DAYS} days of reports in which every
 * source passed. Points: p=none 30, quarantine 55, reject 75; rua to the cluster 5; the share of
 * messages passing DMARC up to 10; MTA-STS testing 5, enforce 10.
 */
public final class PostureScore {

    /** Days of reports, every source passing, before the next step tightens the policy. */
    public static final int ALIGNED_DAYS = 14;

    /** The score and its next step; {@code unaligned} lists sources not (all) passing DMARC. */
    public record Result(int score, String nextStep, List<String> unaligned) {}

    private PostureScore() {}

    /**
     * @param record the domain's DMARC record, null when none was found
     * @param dnsFailed whether the DMARC lookup failed (then no record is not assumed)
     * @param reportDays days covered by reports in the period (0 when none)
     * @param mtaStsMode the hosted MTA-STS mode, null when none is hosted
     */
    public static Result of(
            String domain,
            DmarcRecord record,
            boolean dnsFailed,
            String reportAddress,
            List<SourceSummary> sources,
            int reportDays,
            String mtaStsMode) {
        List<String> unaligned =
                sources.stream().filter(s -> !s.aligned()).map(SourceSummary::sourceIp).toList();
        String rua = "rua=mailto:" + reportAddress;
        if (record == null) {
            if (dnsFailed) {
                return new Result(
                        0,
                        "The DMARC record of "
                                + domain
                                + " could not be looked up right now; check again later.",
                        unaligned);
            }
            return new Result(
                    mtaStsPoints(mtaStsMode),
                    "Publish a DMARC record that only reports: _dmarc."
                            + domain
                            + " TXT \"v=DMARC1; p=none; "
                            + rua
                            + "\"",
                    unaligned);
        }
        String policy = record.policy() == null ? "none" : record.policy();
        int score =
                switch (policy) {
                    case "reject" -> 75;
                    case "quarantine" -> 55;
                    default -> 30;
                };
        boolean reportsHere = record.reportsTo(reportAddress);
        if (reportsHere) {
            score += 5;
        }
        long messages = sources.stream().mapToLong(SourceSummary::messages).sum();
        long passing = sources.stream().mapToLong(SourceSummary::dmarcPass).sum();
        if (messages > 0) {
            score += (int) (10 * passing / messages);
        }
        score = Math.min(100, score + mtaStsPoints(mtaStsMode));
        return new Result(
                score,
                next(domain, policy, reportsHere, rua, unaligned, messages, reportDays, mtaStsMode),
                unaligned);
    }

    private static String next(
            String domain,
            String policy,
            boolean reportsHere,
            String rua,
            List<String> unaligned,
            long messages,
            int reportDays,
            String mtaStsMode) {
        if (!reportsHere) {
            return "Add "
                    + rua
                    + " to the DMARC record of "
                    + domain
                    + ", so that the reports show who sends as the domain.";
        }
        if (!unaligned.isEmpty()) {
            return "Make these sources pass SPF or DKIM (include them in SPF, or have them sign"
                    + " with a DKIM key of "
                    + domain
                    + "), or stop them: "
                    + String.join(", ", unaligned.subList(0, Math.min(10, unaligned.size())))
                    + (unaligned.size() > 10 ? " and " + (unaligned.size() - 10) + " more" : "");
        }
        if (!policy.equals("reject")) {
            if (messages == 0 || reportDays < ALIGNED_DAYS) {
                return "Wait for reports: every source must pass DMARC for "
                        + ALIGNED_DAYS
                        + " days before the policy is tightened (reports cover "
                        + reportDays
                        + " days so far).";
            }
            String tighter = policy.equals("quarantine") ? "reject" : "quarantine";
            return "Every source passed DMARC for "
                    + reportDays
                    + " days: change the record to p="
                    + tighter
                    + ".";
        }
        if (mtaStsMode == null || mtaStsMode.equals("none")) {
            return "Host an MTA-STS policy in testing mode and publish its records.";
        }
        if (mtaStsMode.equals("testing")) {
            return "Switch the MTA-STS policy to enforce once TLS reports show no failures.";
        }
        return "Nothing to do: keep watching the sources for new senders.";
    }

    private static int mtaStsPoints(String mode) {
        if ("enforce".equals(mode)) {
            return 10;
        }
        return "testing".equals(mode) ? 5 : 0;
    }
}
