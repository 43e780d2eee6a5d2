package org.filtermx.infrastructure.filter.rules;

import java.util.List;
import java.util.Set;

/**
 * Names that phishing puts in the From display name because readers trust them, each with the
 * organizational domains the brand really sends from. A brand's own domains are also recognized by
 * the brand's word as the name's first label ({@code paypal.de}, {@code amazon.co.uk}).
 *
 * <p>A small list on purpose: the brands most impersonated in phishing reports (payment, mail and
 * cloud providers, parcel carriers, large banks), whose words are not common personal names.
 */
final class Brands {

    /** A brand: the words that name it in a display name, and its other sending domains. */
    record Brand(String key, List<String> words, Set<String> domains) {}

    static final List<Brand> ALL =
            List.of(
                    new Brand(
                            "paypal",
                            List.of("paypal"),
                            Set.of("paypal-communication.com", "xoom.com")),
                    new Brand(
                            "microsoft",
                            List.of(
                                    "microsoft",
                                    "office 365",
                                    "office365",
                                    "outlook",
                                    "onedrive",
                                    "sharepoint"),
                            Set.of(
                                    "office.com",
                                    "office365.com",
                                    "outlook.com",
                                    "live.com",
                                    "hotmail.com",
                                    "microsoftonline.com",
                                    "sharepoint.com",
                                    "onmicrosoft.com",
                                    "msn.com",
                                    "skype.com")),
                    new Brand("dhl", List.of("dhl"), Set.of("dpdhl.com", "deutschepost.de")),
                    new Brand("fedex", List.of("fedex"), Set.of()),
                    new Brand("usps", List.of("usps"), Set.of("usps.gov")),
                    new Brand(
                            "amazon",
                            List.of("amazon"),
                            Set.of("amazonses.com", "amazonaws.com", "a2z.com")),
                    new Brand(
                            "apple",
                            List.of("apple", "icloud", "itunes", "app store"),
                            Set.of("icloud.com", "me.com", "mac.com", "itunes.com")),
                    new Brand("netflix", List.of("netflix"), Set.of()),
                    new Brand("docusign", List.of("docusign"), Set.of()),
                    new Brand("dropbox", List.of("dropbox"), Set.of("dropboxmail.com")),
                    new Brand("adobe", List.of("adobe"), Set.of("adobesign.com", "echosign.com")),
                    new Brand(
                            "google",
                            List.of("google", "gmail"),
                            Set.of("gmail.com", "googlemail.com", "youtube.com")),
                    new Brand(
                            "facebook",
                            List.of("facebook", "instagram", "whatsapp"),
                            Set.of(
                                    "facebookmail.com",
                                    "instagram.com",
                                    "whatsapp.com",
                                    "meta.com",
                                    "fb.com")),
                    new Brand("linkedin", List.of("linkedin"), Set.of()),
                    new Brand("ebay", List.of("ebay"), Set.of()),
                    new Brand("coinbase", List.of("coinbase"), Set.of()),
                    new Brand("binance", List.of("binance"), Set.of()),
                    new Brand("wellsfargo", List.of("wells fargo"), Set.of("wf.com")),
                    new Brand(
                            "bankofamerica",
                            List.of("bank of america"),
                            Set.of("bofa.com", "ealerts.bankofamerica.com")),
                    new Brand(
                            "chase",
                            List.of("chase bank", "jpmorgan", "jp morgan"),
                            Set.of("jpmorgan.com", "jpmchase.com")),
                    new Brand("citibank", List.of("citibank"), Set.of("citi.com")),
                    new Brand("hsbc", List.of("hsbc"), Set.of()),
                    new Brand("barclays", List.of("barclays"), Set.of("barclaycard.co.uk")),
                    new Brand(
                            "americanexpress",
                            List.of("american express", "amex"),
                            Set.of("aexp.com", "amex.com")),
                    new Brand("santander", List.of("santander"), Set.of()),
                    new Brand("royalmail", List.of("royal mail"), Set.of()),
                    new Brand("dpd", List.of("dpd"), Set.of("dpdgroup.com")),
                    new Brand("irs", List.of("internal revenue service"), Set.of("irs.gov")));

    private Brands() {}

    /**
     * The brand the display name starts with (as a whole word), or null. Only the start counts:
     * impostors lead with the brand ("PayPal Service", "Microsoft account team"), while a
     * newsletter about it names its publisher first ("Lockergnome Apple Core").
     */
    static Brand named(String displayName) {
        String name = AsciiCase.lower(displayName);
        int start = 0;
        while (start < name.length() && !Character.isLetterOrDigit(name.charAt(start))) {
            start++;
        }
        name = name.substring(start);
        for (Brand brand : ALL) {
            for (String word : brand.words()) {
                if (name.startsWith(word)
                        && (name.length() == word.length()
                                || !Character.isLetterOrDigit(name.charAt(word.length())))) {
                    return brand;
                }
            }
        }
        return null;
    }

    /** Whether {@code orgDomain} (an organizational domain) is one the brand sends from. */
    static boolean sendsFrom(Brand brand, String orgDomain) {
        if (brand.domains().contains(orgDomain)) {
            return true;
        }
        int dot = orgDomain.indexOf('.');
        String label = dot < 0 ? orgDomain : orgDomain.substring(0, dot);
        return label.equals(brand.key())
                || label.startsWith(brand.key()) && label.length() <= brand.key().length() + 4;
    }

    /** {@code word} in {@code text} with no letter or digit on either side. */
    static boolean containsWord(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int after = at + word.length();
            boolean left = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
            boolean right =
                    after == text.length() || !Character.isLetterOrDigit(text.charAt(after));
            if (left && right) {
                return true;
            }
        }
        return false;
    }
}
