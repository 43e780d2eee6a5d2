package org.filtermx.application;

import java.util.List;

/**
 * What a hosted domain's DNS says about its mail through this cluster, one {@link Check} per
 * subject, each with the exact records to publish when it is not {@code ok}.
 */
public record DnsStatus(String domain, List<Check> checks) {

    /** ok, missing, wrong; unknown when DNS did not answer; not-checked when no probe can tell. */
    public static final String OK = "ok";

    public static final String MISSING = "missing";
    public static final String WRONG = "wrong";
    public static final String UNKNOWN = "unknown";
    public static final String NOT_CHECKED = "not-checked";

    /**
     * One subject: {@code mx}, {@code spf}, {@code dkim} or {@code destination}.
     *
     * @param found the records found (at most a bounded number)
     * @param records the records to publish (zone-file style), for {@code destination} the
     *     addresses to allow
     * @param detail what is right or wrong, in words for the customer
     */
    public record Check(
            String name, String status, List<String> found, List<String> records, String detail) {}
}
