package org.filtermx.infrastructure.reports;

import static org.filtermx.infrastructure.reports.Html.MUTED;
import static org.filtermx.infrastructure.reports.Html.escape;

import org.filtermx.application.Brand;
import org.filtermx.application.WelcomeContent;
import org.filtermx.application.port.ReportRenderer.RenderedReport;

/**
 * The welcome mail of a recipient whose personal quarantine was switched on automatically: what now
 * happens to its spam, when reports start, the single-use link to set a password (with its expiry)
 * and the console's address. Text and HTML, no PDF.
 */
final class WelcomeMail {

    private WelcomeMail() {}

    static RenderedReport of(WelcomeContent raw) {
        WelcomeContent content =
                new WelcomeContent(
                        BoundedContent.text(raw.address()),
                        BoundedContent.text(raw.domain()),
                        BoundedContent.link(raw.loginLink()),
                        raw.loginLinkExpires(),
                        BoundedContent.link(raw.consoleUrl()),
                        raw.firstReportAt(),
                        raw.brand());
        String subject = ReportWording.welcomeSubject(content);
        Brand brand = content.brand();
        return new RenderedReport(
                subject,
                text(content),
                html(subject, content),
                null,
                null,
                brand.logo(),
                brand.logo() == null ? null : brand.logoType(),
                brand.supportAddress());
    }

    private static String text(WelcomeContent content) {
        StringBuilder out = new StringBuilder(1024);
        out.append(ReportWording.welcomeIntro(content))
                .append("\n\n")
                .append(ReportWording.welcomeReports(content))
                .append('\n');
        if (content.loginLink() != null) {
            out.append('\n')
                    .append(ReportWording.welcomeLogin(content))
                    .append('\n')
                    .append(content.loginLink())
                    .append('\n');
        }
        if (content.consoleUrl() != null) {
            out.append('\n')
                    .append(ReportWording.welcomeConsole())
                    .append('\n')
                    .append(content.consoleUrl())
                    .append('\n');
        }
        out.append("\n-- \n").append(ReportWording.welcomeFooter(content)).append('\n');
        String support = ReportWording.support(content.brand());
        if (support != null) {
            out.append(support).append('\n');
        }
        return out.toString();
    }

    private static String html(String subject, WelcomeContent content) {
        Html html = new Html(subject);
        String accent = content.brand().accentOr(Html.LINK_COLOR);
        html.brandHeader(content.brand());
        html.row(
                "<div style=\"font-size:20px;line-height:28px;font-weight:bold;\">"
                        + escape(subject)
                        + "</div>");
        html.row(
                Html.paragraph(ReportWording.welcomeIntro(content), "")
                        + Html.paragraph(ReportWording.welcomeReports(content), ""));
        if (content.loginLink() != null) {
            html.row(
                    Html.paragraph(ReportWording.welcomeLogin(content), "")
                            + Html.button(
                                    content.loginLink(), ReportWording.setPassword(), accent));
        }
        if (content.consoleUrl() != null) {
            html.row(
                    Html.paragraph(ReportWording.welcomeConsole(), "")
                            + Html.link(content.consoleUrl(), content.consoleUrl(), accent));
        }
        html.row(Html.paragraph(ReportWording.welcomeFooter(content), MUTED + "font-size:12px;"));
        String support = ReportWording.support(content.brand());
        if (support != null) {
            html.row(Html.paragraph(support, MUTED + "font-size:12px;"));
        }
        return html.close();
    }
}
