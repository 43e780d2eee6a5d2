package org.filtermx.infrastructure.filter.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.filtermx.domain.model.filter.Attachment;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.shared.LowerCase;
import org.filtermx.infrastructure.filter.auth.AuthorDomain;
import org.filtermx.infrastructure.filter.auth.OrganizationalDomain;
import org.filtermx.infrastructure.filter.bayes.UrlTokens;
import org.filtermx.infrastructure.filter.content.AttachmentSettings;
import org.filtermx.infrastructure.mime.MimeMessageParser;

/**
 * Rules that need no training, so that a new installation holds obvious spam and phishing on its
 * first day: each is a named check on the parsed message whose score comes from {@link RuleWeights}
 * (learned from training data, see there). The rules, by what they look at:
 *
 * <ul>
 *   <li>Links (up to {@value #MAX_URLS} per message, from the HTML and the plain text): {@code
 *       URL_SHORTENER} (a link shortener hides the destination), {@code URL_NUMERIC_HOST} (an IP
 *       address instead of a name, private ranges excepted), {@code URL_PUNYCODE_HOST} (an
 *       internationalized name, {@code xn--}, the means of look-alike hosts), {@code URL_USERINFO}
 *       ({@code http://bank.example@evil.example/}: the host is after the {@code @}), {@code
 *       LINK_TEXT_HOST_MISMATCH} (the text of a link shows a host of another organization than the
 *       one it leads to; links whose text is not a host, such as "Read more", are not compared, nor
 *       links through a mailing service's click tracker or whose target carries the shown host),
 *       {@code SUSPICIOUS_TLD} (a link or the From address under a top-level domain heavy with
 *       abuse, {@link HostLists}).
 *   <li>Sender: {@code FROM_NAME_BRAND} (the From display name starts with a much-impersonated
 *       brand, {@link Brands}, while the From domain is not one of the brand's), {@code
 *       FROM_NAME_SPOOFS_DOMAIN} (the display name shows a domain, or the recipient's domain, of
 *       another organization than the From address's), {@code REPLY_TO_FREEMAIL} (replies go to a
 *       free-mail address while From is not one). Mailing lists (List-Id) rewrite these fields
 *       honestly and are exempt from the last two.
 *   <li>Body: {@code HTML_HIDDEN_TEXT} (at least {@value #HIDDEN_LETTERS} letters a reader cannot
 *       see, text written to poison filters; a newsletter's hidden preview line does not count),
 *       {@code HTML_ONLY_NO_TEXT} (HTML without a plain-text alternative), {@code IMAGE_ONLY}
 *       (images and almost no text), {@code TEXT_BASE64_ONLY} (a plain ASCII text sent base64,
 *       which hides words from simple filters; the top-level part only), {@code MONEY_AND_URGENCY}
 *       (several money phrases and an urgent one, {@link Phrases}).
 *   <li>Attachments, by their content's magic bytes ({@link FileSniff}): {@code
 *       ATTACH_SNIFFED_EXECUTABLE} (a program whose name does not say so; names the attachment
 *       scanner blocks already are left to it), {@code ATTACH_TYPE_MISMATCH} (content of another
 *       kind than the name or declared type promises), {@code ATTACH_HTML} (an HTML file attached,
 *       the usual carrier of credential-phishing forms).
 *   <li>Signs of wanted mail, with negative weights: {@code LIST_HEADERS} (List-Id, RFC 2919, and
 *       List-Unsubscribe, RFC 2369: a managed mailing list), {@code REPLY_IN_THREAD} (In-Reply-To
 *       or References, RFC 5322 section 3.6.4: a reply in a conversation).
 * </ul>
 *
 * <p>Not here: shouting subjects ({@code SUBJECT_ALL_CAPS}, the header scanner has it), DKIM
 * alignment (the authentication scanner), and newly seen sender domains, which need state shared by
 * the cluster. Every rule scans its input once, and input, links and kept text are capped, so the
 * work per message is bounded whatever the message holds.
 */
public final class RulesScanner implements Scanner {

    /** Links looked at per message, HTML and text together. */
    static final int MAX_URLS = 100;

    /** Hidden letters that count as hidden text. */
    static final int HIDDEN_LETTERS = 150;

    /** At most this many visible letters with an image is "images and almost no text". */
    static final int IMAGE_ONLY_LETTERS = 60;

    private static final int MAX_NAME = 256;
    private static final int MAX_DETAIL = 80;

    private static final Set<String> COMMON_TLDS =
            Set.of(
                    "com", "net", "org", "info", "biz", "edu", "gov", "mil", "io", "co", "me",
                    "app", "dev", "xyz", "online", "site", "top", "shop", "store", "club", "live",
                    "email", "cloud", "tech");

    private final RuleWeights weights;

    public RulesScanner(RuleWeights weights) {
        this.weights = Objects.requireNonNull(weights, "weights");
    }

    /** The scanner with the weights shipped in {@value RuleWeights#RESOURCE}. */
    public RulesScanner() {
        this(RuleWeights.bundled());
    }

    @Override
    public String name() {
        return "rules";
    }

    /** One rule compares the display name with the recipient's domain. */
    @Override
    public String variantFor(String recipientDomain) {
        return recipientDomain;
    }

    @Override
    public ScanResult scan(MessageUnderScan message) {
        if (message.parsed() == null) {
            return ScanResult.CLEAN;
        }
        List<Reason> reasons = new ArrayList<>();
        for (RuleHit hit : hits(message)) {
            double score = weights.score(hit.rule());
            if (score != 0) {
                reasons.add(new Reason(hit.rule(), score, hit.detail()));
            }
        }
        return new ScanResult(reasons, false);
    }

    /** Every rule that fires on the message, weighted or not (the weight learner reads these). */
    public static List<RuleHit> hits(MessageUnderScan message) {
        ParsedMessage parsed = message.parsed();
        Map<String, String> hits = new LinkedHashMap<>();
        if (parsed == null) {
            return List.of();
        }
        String html = parsed.htmlBody();
        String text = parsed.textBody();
        if (html.isBlank() && looksLikeHtml(text)) {
            html = text;
            text = "";
        }
        HtmlAsShown view = HtmlAsShown.read(html);
        AuthorDomain author = AuthorDomain.of(parsed);
        String fromOrg = author.valid() ? OrganizationalDomain.of(author.domain()) : "";
        boolean mailingList = parsed.header("List-Id").isPresent();

        links(view, text, fromOrg, hits);
        if (author.valid() && HostLists.SUSPICIOUS_TLDS.contains(HostLists.tld(author.domain()))) {
            hits.putIfAbsent("SUSPICIOUS_TLD", author.domain());
        }
        sender(parsed, fromOrg, message.recipientDomain(), mailingList, hits);
        body(parsed, view, html, text, hits);
        attachments(parsed, hits);
        if (parsed.header("List-Unsubscribe").isPresent() && mailingList) {
            hits.put("LIST_HEADERS", "");
        }
        if (isMessageIdList(parsed.header("In-Reply-To").orElse(""))
                || isMessageIdList(parsed.header("References").orElse(""))) {
            hits.put("REPLY_IN_THREAD", "");
        }
        List<RuleHit> out = new ArrayList<>(hits.size());
        hits.forEach((rule, detail) -> out.add(new RuleHit(rule, abbreviate(detail))));
        return out;
    }

    private static void links(
            HtmlAsShown view, String text, String fromOrg, Map<String, String> hits) {
        List<String> urls = new ArrayList<>();
        for (HtmlAsShown.Link link : view.links()) {
            if (urls.size() >= MAX_URLS) {
                break;
            }
            String href = link.href().strip();
            String scheme = href.length() > 8 ? AsciiCase.lower(href.substring(0, 8)) : "";
            if (scheme.startsWith("http://") || scheme.startsWith("https://")) {
                urls.add(href);
                mismatch(link, href, fromOrg, hits);
            }
        }
        Links.find(text, urls, MAX_URLS);
        Links.find(view.text(), urls, MAX_URLS);
        for (String url : urls) {
            String host = UrlTokens.host(url);
            if (host.isEmpty()) {
                continue;
            }
            if (Links.numeric(host) && !Links.privateAddress(host)) {
                hits.putIfAbsent("URL_NUMERIC_HOST", host);
            }
            if (Links.punycode(host)) {
                hits.putIfAbsent("URL_PUNYCODE_HOST", host);
            }
            if (UrlTokens.hasUserInfo(url) && url.regionMatches(true, 0, "http", 0, 4)) {
                hits.putIfAbsent("URL_USERINFO", host);
            }
            if (HostLists.SHORTENERS.contains(host)
                    || HostLists.SHORTENERS.contains(withoutWww(host))) {
                hits.putIfAbsent("URL_SHORTENER", host);
            }
            if (HostLists.SUSPICIOUS_TLDS.contains(HostLists.tld(host))
                    && Links.plausibleHost(host)) {
                hits.putIfAbsent("SUSPICIOUS_TLD", host);
            }
        }
    }

    /**
     * A link whose text is a host name or address (not "Read more") of another organization than
     * its target: what phishing does to show a bank's name while leading elsewhere. Links through a
     * mailing service's tracker, to the sender's own organization, or whose target carries the
     * shown host (a redirect naming its destination) are what newsletters do, and pass.
     */
    private static void mismatch(
            HtmlAsShown.Link link, String href, String fromOrg, Map<String, String> hits) {
        if (hits.containsKey("LINK_TEXT_HOST_MISMATCH")) {
            return;
        }
        String shown = AsciiCase.lower(link.text());
        if (shown.isEmpty() || shown.indexOf(' ') >= 0 || shown.indexOf('@') >= 0) {
            return;
        }
        String shownHost = UrlTokens.host(shown);
        if (!Links.plausibleHost(shownHost)
                || !(shown.startsWith("http")
                        || shown.startsWith("www.")
                        || COMMON_TLDS.contains(HostLists.tld(shownHost))
                        || HostLists.tld(shownHost).length() == 2)) {
            return;
        }
        String targetHost = UrlTokens.host(href);
        if (!Links.plausibleHost(targetHost) && !Links.numeric(targetHost)) {
            return;
        }
        String shownOrg = OrganizationalDomain.of(shownHost);
        String targetOrg = OrganizationalDomain.of(targetHost);
        if (shownOrg.equals(targetOrg)
                || targetOrg.equals(fromOrg)
                || HostLists.LINK_TRACKERS.contains(targetOrg)
                || HostLists.LINK_TRACKERS.contains(targetHost)
                || AsciiCase.lower(href).contains(shownOrg)) {
            return;
        }
        hits.put("LINK_TEXT_HOST_MISMATCH", shownHost + " -> " + targetHost);
    }

    private static void sender(
            ParsedMessage parsed,
            String fromOrg,
            String recipientDomain,
            boolean mailingList,
            Map<String, String> hits) {
        String from = MimeMessageParser.decodeHeader(parsed.header("From").orElse(""));
        String name = displayName(from);
        if (!name.isEmpty() && !fromOrg.isEmpty()) {
            Brands.Brand brand = Brands.named(name);
            if (brand != null && !Brands.sendsFrom(brand, fromOrg)) {
                hits.put("FROM_NAME_BRAND", brand.key() + " from " + fromOrg);
            }
            if (!mailingList) {
                String spoofed = spoofedDomain(name, fromOrg, recipientDomain);
                if (spoofed != null) {
                    hits.put("FROM_NAME_SPOOFS_DOMAIN", spoofed + " from " + fromOrg);
                }
            }
        }
        String replyTo =
                domainOf(MimeMessageParser.decodeHeader(parsed.header("Reply-To").orElse("")));
        if (!mailingList && !replyTo.isEmpty() && !fromOrg.isEmpty()) {
            String replyOrg = OrganizationalDomain.of(replyTo);
            if (HostLists.FREEMAIL.contains(replyOrg)
                    && !HostLists.FREEMAIL.contains(fromOrg)
                    && !replyOrg.equals(fromOrg)) {
                hits.put("REPLY_TO_FREEMAIL", replyOrg);
            }
        }
    }

    /** A domain the display name shows that belongs to another organization than the sender's. */
    private static String spoofedDomain(String name, String fromOrg, String recipientDomain) {
        String lower = AsciiCase.lower(name);
        if (recipientDomain != null && !recipientDomain.isBlank()) {
            String recipient = OrganizationalDomain.normalize(recipientDomain);
            if (recipient.indexOf('.') > 0
                    && lower.contains(recipient)
                    && !OrganizationalDomain.of(recipient).equals(fromOrg)) {
                return recipient;
            }
        }
        int i = 0;
        while (i < lower.length()) {
            while (i < lower.length() && separates(lower.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < lower.length() && !separates(lower.charAt(i))) {
                i++;
            }
            String token = lower.substring(start, i);
            // A bare domain among other words is usually a brand name ("CNET News.com Daily");
            // an address, or a name that is nothing but a domain, claims to be the sender.
            boolean address = token.indexOf('@') > 0;
            if (!address && !token.equals(lower.strip())) {
                continue;
            }
            token = token.substring(token.lastIndexOf('@') + 1);
            while (token.endsWith(".")) {
                token = token.substring(0, token.length() - 1);
            }
            if (token.startsWith("www.")) {
                token = token.substring(4);
            }
            String tld = HostLists.tld(token);
            if (Links.plausibleHost(token)
                    && (COMMON_TLDS.contains(tld) || tld.length() == 2)
                    && !OrganizationalDomain.of(token).equals(fromOrg)) {
                return token;
            }
        }
        return null;
    }

    private static boolean separates(char c) {
        return Character.isWhitespace(c) || "\"'()<>[],;:|/".indexOf(c) >= 0;
    }

    private static void body(
            ParsedMessage parsed,
            HtmlAsShown view,
            String html,
            String text,
            Map<String, String> hits) {
        if (view.hiddenLetters() >= HIDDEN_LETTERS) {
            hits.put("HTML_HIDDEN_TEXT", view.hiddenLetters() + " hidden letters");
        }
        int textLetters = letters(text);
        if (!html.isBlank() && textLetters == 0) {
            hits.put("HTML_ONLY_NO_TEXT", "");
        }
        if (view.images() > 0
                && view.visibleLetters() < IMAGE_ONLY_LETTERS
                && textLetters < IMAGE_ONLY_LETTERS) {
            hits.put("IMAGE_ONLY", view.images() + " images");
        }
        String encoding =
                AsciiCase.lower(parsed.header("Content-Transfer-Encoding").orElse("").strip());
        String type = AsciiCase.lower(parsed.header("Content-Type").orElse("text/plain").strip());
        if (encoding.equals("base64") && type.startsWith("text/")) {
            String body = html.isBlank() ? text : html;
            if (body.length() >= 20 && isAscii(body)) {
                hits.put("TEXT_BASE64_ONLY", "");
            }
        }
        String subject = MimeMessageParser.decodeHeader(parsed.header("Subject").orElse(""));
        String words = Phrases.lower(subject + "\n" + text + "\n" + view.text());
        List<String> money = Phrases.found(words, Phrases.MONEY);
        if (money.size() >= 2) {
            List<String> urgency = Phrases.found(words, Phrases.URGENCY);
            if (!urgency.isEmpty()) {
                hits.put(
                        "MONEY_AND_URGENCY",
                        money.get(0) + ", " + money.get(1) + ", " + urgency.get(0));
            }
        }
    }

    private static void attachments(ParsedMessage parsed, Map<String, String> hits) {
        for (Attachment a : parsed.attachments()) {
            String name = a.filename() == null ? "" : a.filename().strip();
            String base =
                    name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
            int dot = base.lastIndexOf('.');
            String extension = dot < 0 ? "" : AsciiCase.lower(base.substring(dot + 1)).strip();
            String type = a.contentType() == null ? "" : AsciiCase.lower(a.contentType());
            FileSniff sniffed = FileSniff.of(a.content());
            String shown = base.isEmpty() ? "(unnamed " + type + ")" : base;
            FileSniff promised = FileSniff.promisedBy(extension);
            if (sniffed == FileSniff.PROGRAM
                    && promised != FileSniff.PROGRAM
                    && !AttachmentSettings.DEFAULT_BLOCKED_EXTENSIONS.contains(extension)) {
                hits.putIfAbsent("ATTACH_SNIFFED_EXECUTABLE", shown);
            } else if (sniffed != FileSniff.UNKNOWN && sniffed != FileSniff.PROGRAM) {
                FileSniff declared =
                        promised != FileSniff.UNKNOWN ? promised : FileSniff.promisedByType(type);
                if (declared != FileSniff.UNKNOWN && declared != sniffed) {
                    hits.putIfAbsent(
                            "ATTACH_TYPE_MISMATCH", shown + " is " + LowerCase.of(sniffed.name()));
                }
            }
            boolean htmlName =
                    promised == FileSniff.HTML
                            || extension.equals("htm")
                            || extension.equals("svg");
            if (htmlName || (sniffed == FileSniff.HTML && !base.isEmpty())) {
                hits.putIfAbsent("ATTACH_HTML", shown);
            }
        }
    }

    /** The display name of a From value: the phrase before {@code <}, or a trailing comment. */
    static String displayName(String from) {
        String value = from.length() > MAX_NAME * 2 ? from.substring(0, MAX_NAME * 2) : from;
        int angle = value.indexOf('<');
        String name;
        if (angle > 0) {
            name = value.substring(0, angle);
        } else {
            int open = value.indexOf('(');
            int close = value.lastIndexOf(')');
            name = open >= 0 && close > open ? value.substring(open + 1, close) : "";
        }
        name = name.strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).strip();
        }
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    /** The domain of the (first) address in an address field, lower case, or empty. */
    static String domainOf(String field) {
        String value = field.length() > MAX_NAME * 2 ? field.substring(0, MAX_NAME * 2) : field;
        int open = value.indexOf('<');
        int close = open < 0 ? -1 : value.indexOf('>', open);
        String address =
                open >= 0 && close > open ? value.substring(open + 1, close) : value.strip();
        int comma = address.indexOf(',');
        if (comma >= 0) {
            address = address.substring(0, comma);
        }
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return "";
        }
        String domain = OrganizationalDomain.normalize(address.substring(at + 1));
        int space = domain.indexOf(' ');
        return space >= 0 ? domain.substring(0, space) : domain;
    }

    private static boolean isMessageIdList(String value) {
        int lt = value.indexOf('<');
        return lt >= 0 && value.indexOf('@', lt) > lt && value.indexOf('>', lt) > lt;
    }

    private static boolean looksLikeHtml(String text) {
        String head = AsciiCase.lower(text.length() > 4096 ? text.substring(0, 4096) : text);
        return head.contains("<html")
                || head.contains("<body")
                || head.contains("<a href")
                || head.contains("<font")
                || head.contains("<table");
    }

    private static int letters(String text) {
        int n = 0;
        int end = Math.min(text.length(), Phrases.MAX_TEXT);
        for (int i = 0; i < end; i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    private static boolean isAscii(String s) {
        int end = Math.min(s.length(), Phrases.MAX_TEXT);
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static String withoutWww(String host) {
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL - 3) + "...";
    }
}
