package org.filtermx.application;

import java.time.Instant;

/**
 * What the welcome mail tells a recipient whose personal quarantine was just switched on
 * automatically.
 *
 * @param address the new email user
 * @param domain its hosted domain
 * @param loginLink signed single-use link through which the user sets a password
 * @param loginLinkExpires when that link stops working
 * @param consoleUrl where the user logs in once the password is set
 * @param firstReportAt when the first quarantine report is due
 * @param brand the brand of the domain's reseller (never null)
 */
public record WelcomeContent(
        String address,
        String domain,
        String loginLink,
        Instant loginLinkExpires,
        String consoleUrl,
        Instant firstReportAt,
        Brand brand) {

    public WelcomeContent {
        brand = brand == null ? Brand.CLUSTER : brand;
    }

    /** A welcome in the cluster's brand. */
    public WelcomeContent(
            String address,
            String domain,
            String loginLink,
            Instant loginLinkExpires,
            String consoleUrl,
            Instant firstReportAt) {
        this(
                address,
                domain,
                loginLink,
                loginLinkExpires,
                consoleUrl,
                firstReportAt,
                Brand.CLUSTER);
    }
}
