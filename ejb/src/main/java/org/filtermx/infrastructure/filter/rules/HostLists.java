package org.filtermx.infrastructure.filter.rules;

import java.util.Set;

/**
 * The short lists of names the rules know, each small enough to read and check by hand.
 *
 * <p>Suspicious top-level domains: those that Spamhaus's periodic "most abused TLDs" reports and
 * Interisle's phishing landscape studies (2016 to 2025) place at the top by the share of their
 * registrations seen in spam and phishing, chiefly cheap or free registrations. A name under one of
 * them is not spam; it is weak evidence, weighted as such.
 */
final class HostLists {

    private HostLists() {}

    static final Set<String> SUSPICIOUS_TLDS =
            Set.of(
                    "top",
                    "xyz",
                    "click",
                    "link",
                    "buzz",
                    "rest",
                    "cyou",
                    "icu",
                    "monster",
                    "sbs",
                    "cfd",
                    "bond",
                    "quest",
                    "zip",
                    "mov",
                    "tk",
                    "ml",
                    "ga",
                    "cf",
                    "gq",
                    "work",
                    "cam",
                    "lol",
                    "country",
                    "kim",
                    "date",
                    "review",
                    "party",
                    "science",
                    "racing",
                    "win",
                    "bid",
                    "stream",
                    "download",
                    "trade",
                    "accountant",
                    "loan",
                    "faith",
                    "men",
                    "gdn",
                    "su");

    /** Link shorteners: the link does not show where it leads. */
    static final Set<String> SHORTENERS =
            Set.of(
                    "bit.ly",
                    "bitly.com",
                    "tinyurl.com",
                    "goo.gl",
                    "ow.ly",
                    "is.gd",
                    "buff.ly",
                    "rebrand.ly",
                    "cutt.ly",
                    "shorturl.at",
                    "rb.gy",
                    "tiny.cc",
                    "bit.do",
                    "t.ly",
                    "s.id",
                    "v.gd",
                    "qrco.de",
                    "shorte.st",
                    "adf.ly",
                    "tr.im",
                    "snip.ly",
                    "clck.ru",
                    "u.to",
                    "urlz.fr",
                    "x.co",
                    "lnkd.in",
                    "surl.li",
                    "tiny.one",
                    "short.gy");

    /** Free mail providers: anyone can have an address there in a minute. */
    static final Set<String> FREEMAIL =
            Set.of(
                    "gmail.com",
                    "googlemail.com",
                    "yahoo.com",
                    "yahoo.co.uk",
                    "yahoo.fr",
                    "yahoo.de",
                    "ymail.com",
                    "rocketmail.com",
                    "hotmail.com",
                    "hotmail.co.uk",
                    "hotmail.fr",
                    "hotmail.de",
                    "outlook.com",
                    "live.com",
                    "msn.com",
                    "aol.com",
                    "mail.com",
                    "gmx.com",
                    "gmx.de",
                    "gmx.net",
                    "web.de",
                    "mail.ru",
                    "yandex.ru",
                    "yandex.com",
                    "protonmail.com",
                    "proton.me",
                    "icloud.com",
                    "me.com",
                    "zoho.com",
                    "qq.com",
                    "163.com",
                    "126.com",
                    "sina.com",
                    "rediffmail.com",
                    "tutanota.com",
                    "inbox.com",
                    "lycos.com",
                    "excite.com",
                    "juno.com",
                    "netscape.net");

    /**
     * Click-tracking hosts of mailing services (organizational domains): a newsletter's links pass
     * through them while their text shows the destination, which is not a disguise.
     */
    static final Set<String> LINK_TRACKERS =
            Set.of(
                    "list-manage.com",
                    "mailchimp.com",
                    "mcusercontent.com",
                    "sendgrid.net",
                    "mandrillapp.com",
                    "rs6.net",
                    "hubspotlinks.com",
                    "hubspotemail.net",
                    "exacttarget.com",
                    "sparkpostmail.com",
                    "mailgun.org",
                    "createsend1.com",
                    "cmail19.com",
                    "cmail20.com",
                    "klclick.com",
                    "klclick1.com",
                    "mjt.lu",
                    "sendibt3.com",
                    "sendinblue.com",
                    "mailjet.com",
                    "constantcontact.com",
                    "awstrack.me",
                    "postmarkapp.com",
                    "mlsend.com",
                    "substack.com",
                    "convertkit-mail.com",
                    "ck.page",
                    "emltrk.com",
                    "salesforce.com",
                    "marketo.com",
                    "mkt.com",
                    "eloqua.com",
                    "pardot.com",
                    "campaign-archive.com",
                    "safelinks.protection.outlook.com",
                    "urldefense.com",
                    "mimecast.com",
                    "google.com",
                    "doubleclick.net");

    /** The top-level label of a host name, lower case. */
    static String tld(String host) {
        int dot = host.lastIndexOf('.');
        return dot < 0 ? host : host.substring(dot + 1);
    }
}
