package org.filtermx.domain.model.report;

import java.util.Set;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * A hosted domain's report settings: how often its report is sent ({@code never}, {@code daily},
 * {@code weekly}), in which format ({@code html}, {@code pdf}), and to which address ({@code null}:
 * the domain's admin contact).
 */
public record DomainReportSettings(String frequency, String format, String address) {

    public static final Set<String> FREQUENCIES = Set.of("never", "daily", "weekly");
    public static final Set<String> FORMATS = Set.of("html", "pdf");

    /** What a domain without settings has: no periodic report, HTML, to the admin contact. */
    public static final DomainReportSettings NONE = new DomainReportSettings("never", "html", null);

    private static final int ADDRESS_MAX = 320;

    public DomainReportSettings {
        frequency = frequency == null ? null : LowerCase.of(frequency.strip());
        format = format == null ? null : LowerCase.of(format.strip());
        if (!FREQUENCIES.contains(frequency)) {
            throw new IllegalArgumentException("reports.frequency must be never, daily or weekly");
        }
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("reports.format must be html or pdf");
        }
        address = address == null || address.isBlank() ? null : address.strip();
        if (address != null && !isAddress(address)) {
            throw new IllegalArgumentException(
                    "reports.address must be one email address (empty: the admin contact)");
        }
    }

    /**
     * These settings with the given ones changed; {@code null} keeps a setting, an empty address
     * goes back to the admin contact.
     */
    public DomainReportSettings with(String newFrequency, String newFormat, String newAddress) {
        return new DomainReportSettings(
                newFrequency == null ? frequency : newFrequency,
                newFormat == null ? format : newFormat,
                newAddress == null ? address : newAddress);
    }

    /**
     * One {@code local@domain} without spaces, controls or a second {@code @}: a plain scan, no
     * pattern, as the value comes from the API.
     */
    private static boolean isAddress(String s) {
        if (s.length() > ADDRESS_MAX) {
            return false;
        }
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@') || at == s.length() - 1) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7f || c == ',' || c == '<' || c == '>') {
                return false;
            }
        }
        return true;
    }
}
