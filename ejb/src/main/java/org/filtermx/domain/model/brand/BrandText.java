package org.filtermx.domain.model.brand;

/**
 * The texts of a brand: its product name (1 to 64 printable characters) and its support address
 * (one plain mail address), checked by linear scans so that neither can carry a line break into a
 * mail header or markup into a page (pages escape them anyway).
 */
public final class BrandText {

    public static final int MAX_PRODUCT_NAME = 64;
    public static final int MAX_ADDRESS = 254;

    private BrandText() {}

    /**
     * The stripped product name; null for null or blank (the cluster's name).
     *
     * @throws IllegalArgumentException when it is too long or has control characters
     */
    public static String productName(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String name = value.strip();
        if (name.length() > MAX_PRODUCT_NAME) {
            throw new IllegalArgumentException(
                    "the product name must be at most " + MAX_PRODUCT_NAME + " characters long");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == '<' || c == '>') {
                throw new IllegalArgumentException(
                        "the product name must be plain text on one line, without < or >");
            }
        }
        return name;
    }

    /**
     * The support address with its domain in lower case; null for null or blank (none shown).
     *
     * @throws IllegalArgumentException when it is not one mail address local@domain
     */
    public static String supportAddress(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String address = value.strip();
        int at = address.lastIndexOf('@');
        if (address.length() > MAX_ADDRESS || at < 1 || at > 64) {
            throw new IllegalArgumentException(
                    "the support address must be a mail address such as support@example.net");
        }
        String local = address.substring(0, at);
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new IllegalArgumentException(
                    "the support address must be a mail address such as support@example.net");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || "!#$%&*+-/=?^_`{|}~.".indexOf(c) >= 0;
            if (!ok) {
                throw new IllegalArgumentException(
                        "the support address must be a mail address such as support@example.net");
            }
        }
        String domain;
        try {
            domain = LoginHost.parse(address.substring(at + 1));
        } catch (IllegalArgumentException e) {
            domain = null;
        }
        if (domain == null) {
            throw new IllegalArgumentException(
                    "the support address must be a mail address such as support@example.net");
        }
        return local + "@" + domain;
    }
}
