package org.filtermx.application;

/**
 * The brand a page, a mail or a report is shown in: a reseller's, resolved by {@link
 * BrandingService}, or the cluster's ({@link #CLUSTER}). Every value was validated when stored, so
 * a colour is always {@code #rrggbb} and can go into a style as it is; texts still need escaping.
 * Null colours and a null support address mean the built-in look and no support line.
 *
 * @param productName the product's name, e.g. "FilterMX" or "Acme Mail Shield"
 * @param primaryColor header and title colour, null for the built-in one
 * @param accentColor button and link colour, null for the built-in one
 * @param supportAddress where the customers of the reseller get help, null when none is set
 * @param logoType {@code image/png} or {@code image/jpeg}, null when there is no logo
 * @param version the stored brand's current version (part of the logo's URL), null for the cluster
 * @param logo the logo's bytes when the caller asked for them (mails and PDFs), else null
 */
public record Brand(
        String productName,
        String primaryColor,
        String accentColor,
        String supportAddress,
        String logoType,
        String version,
        byte[] logo) {

    /** The product's own name, used wherever no reseller brand applies. */
    public static final String CLUSTER_NAME = "FilterMX";

    /** The cluster's brand: the built-in name and look, no logo, no support address. */
    public static final Brand CLUSTER = new Brand(CLUSTER_NAME, null, null, null, null, null, null);

    public boolean hasLogo() {
        return logoType != null && version != null;
    }

    /** The logo's path below the web application's root, e.g. {@code /brand/<version>/logo}. */
    public String logoPath() {
        return hasLogo() ? "/brand/" + version + "/logo" : null;
    }

    /** This brand with the logo's bytes. */
    public Brand withLogo(byte[] bytes) {
        return new Brand(
                productName, primaryColor, accentColor, supportAddress, logoType, version, bytes);
    }

    /** The primary colour, or {@code fallback} for the built-in look. */
    public String primaryOr(String fallback) {
        return primaryColor == null ? fallback : primaryColor;
    }

    /** The accent colour, or {@code fallback} for the built-in look. */
    public String accentOr(String fallback) {
        return accentColor == null ? fallback : accentColor;
    }
}
