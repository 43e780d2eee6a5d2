package org.filtermx.application.internal.reports;

import org.filtermx.application.ReportContent;
import org.filtermx.application.ReportFormat;

/**
 * Whose report is sent where: an email user's (subject = its address) or a domain's (subject = the
 * domain name), the hosted domain it belongs to, the address it goes to, and its format.
 */
public record ReportTarget(
        ReportContent.Kind kind,
        String subject,
        String domain,
        String recipient,
        ReportFormat format) {

    public static ReportTarget user(String address, String domain, ReportFormat format) {
        return new ReportTarget(ReportContent.Kind.USER, address, domain, address, format);
    }

    public static ReportTarget domain(String name, String recipient, ReportFormat format) {
        return new ReportTarget(ReportContent.Kind.DOMAIN, name, name, recipient, format);
    }
}
